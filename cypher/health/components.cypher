// name: health/components
// purpose: The Neo4j server answering: product name, version and edition (rampart status).
// params: none
// returns: rows {name, versions: list of strings, edition}; one row, "Neo4j Kernel", on Neo4j 5
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions, edition
