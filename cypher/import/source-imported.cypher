// name: import/source-imported
// purpose: Whether any organisation holds entities of this source: an upload of a source never imported is checked entry by entry as a first import; another is read whole.
// params: $source
// returns: one row {imported: boolean}
RETURN EXISTS { MATCH (n:Entity) WHERE n.source = $source AND n.stage IS NULL } AS imported
