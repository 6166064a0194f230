// name: schema/006-asset-criticality-index
// purpose: Critical-asset selection (criticality >= threshold) for coverage and reports.
// params: none
// returns: nothing
CREATE INDEX asset_criticality IF NOT EXISTS FOR (n:Asset) ON (n.criticality)
