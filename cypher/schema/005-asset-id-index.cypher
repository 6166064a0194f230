// name: schema/005-asset-id-index
// purpose: Cursor pagination over assets in id order.
// params: none
// returns: nothing
CREATE INDEX asset_id IF NOT EXISTS FOR (n:Asset) ON (n.id)
