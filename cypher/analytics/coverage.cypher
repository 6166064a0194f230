// name: analytics/coverage
// purpose: What the five-domain coverage of analytics.md §5 needs for some assets: containers (systems an information asset is stored on, the facility a system or plain asset is hosted in, enclosing facilities, transitively), controls protecting the asset or a container, people with access to either and the personnel controls protecting them, owners and risk reviews.
// params: $ids list of asset ids
// returns: rows {id, labels, name, organizationId, classification, criticality, owned, containers: list of {id, labels}, controls: list of {id, name, domains, functions, status, effectiveness, lastTestedAt, on}, access: list of {person, personnelControls: list of {id, name, status}}, reviews: list of ISO dates}
UNWIND $ids AS id
MATCH (a:Asset {id: id})
OPTIONAL MATCH (a)-[:STORED_ON|HOSTED_IN|LOCATED_IN*1..8]->(c:Entity)
WITH a, collect(DISTINCT c) AS containers
CALL (a, containers) {
  UNWIND [a] + containers AS x
  MATCH (ctl:Control)-[:PROTECTS]->(x)
  RETURN collect({id: ctl.id, name: ctl.name, domains: ctl.domains, functions: coalesce(ctl.functions, []),
                  status: ctl.status, effectiveness: ctl.effectiveness, lastTestedAt: ctl.lastTestedAt, on: x.id}) AS controls
}
CALL (a, containers) {
  UNWIND [a] + containers AS x
  MATCH (p:Person)-[:HAS_ACCESS]->(x)
  WITH DISTINCT p
  RETURN collect({person: p.id,
                  personnelControls: [(pc:Control)-[:PROTECTS]->(p) WHERE 'personnel' IN pc.domains | {id: pc.id, name: pc.name, status: pc.status}]}) AS access
}
RETURN a.id AS id, [l IN labels(a) WHERE l <> 'Entity'] AS labels, coalesce(a.name, a.id) AS name,
       a.organizationId AS organizationId, a.classification AS classification, a.criticality AS criticality,
       EXISTS { (:Person)-[:OWNS]->(a) } AS owned,
       [c IN containers | {id: c.id, labels: labels(c)}] AS containers,
       controls, access,
       [(r:Risk)-[:TO_ASSET]->(a) WHERE r.reviewedAt IS NOT NULL | r.reviewedAt] AS reviews
