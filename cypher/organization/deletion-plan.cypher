// name: organization/deletion-plan
// purpose: What deleting one organisation removes (its entities by kind label (Asset for plain assets) and every relationship touching them) and what stops it: relationships another organisation or the threat library states on its entities.
// params: $id organisation id
// returns: one row {entities, byLabel: list of {label, count}, classified: list of {classification, count}, relationships, foreign: list of {organizationId, relationships, examples}}; entities 0 when it has none
CALL () {
  MATCH (n:Entity {organizationId: $id})
  WHERE n.stage IS NULL
  WITH coalesce(head([l IN labels(n) WHERE NOT l IN ['Entity', 'Asset']]), 'Asset') AS label
  WITH label, count(*) AS count ORDER BY label
  RETURN collect({label: label, count: count}) AS byLabel
}
CALL () {
  MATCH (n:Entity {organizationId: $id})
  WHERE n.stage IS NULL AND n.classification IS NOT NULL
  WITH n.classification AS classification, count(*) AS count ORDER BY classification
  RETURN collect({classification: classification, count: count}) AS classified
}
CALL () {
  MATCH (n:Entity {organizationId: $id})
  WHERE n.stage IS NULL
  RETURN count(n) AS entities,
         sum(COUNT { (n)-->() }) + sum(COUNT { (n)<--(m) WHERE coalesce(m.organizationId, '') <> $id }) AS relationships
}
CALL () {
  MATCH (n:Entity {organizationId: $id})-[r]-()
  WHERE n.stage IS NULL AND coalesce(r.organizationId, '') <> $id
  WITH DISTINCT r
  WITH r.organizationId AS organizationId, r ORDER BY startNode(r).id, type(r), endNode(r).id
  WITH organizationId, count(r) AS relationships,
       collect(startNode(r).id + ' ' + type(r) + ' ' + endNode(r).id)[..5] AS examples
  ORDER BY organizationId
  RETURN collect({organizationId: organizationId, relationships: relationships, examples: examples}) AS foreign
}
RETURN entities, byLabel, classified, relationships, foreign
