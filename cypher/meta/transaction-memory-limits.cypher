// name: meta/transaction-memory-limits
// purpose: The server's limits on one transaction's memory (0B: none), so a staged import can refuse at once a switch Neo4j would refuse after the whole file was staged.
// params: none
// returns: rows {name, value: a size such as '5.60GiB' or '0B'}
SHOW SETTINGS YIELD name, value
WHERE name IN ['db.memory.transaction.max', 'db.memory.transaction.total.max', 'dbms.memory.transaction.total.max']
RETURN name, value
