// name: bids-and-wins
// title: What an organisation bid for, won or competes with, and where each stands
// description: BIDS_FOR, SECURED and COMPETES_WITH relationships of one organisation or
//   place: the outcome so far, the money or cost at stake, and notes.
// param: bidder (entity) = gwangju-city-government; example: Jeonnam
//   The organisation or place, by id, English or Korean name, or alias.
// result: table
// engine: cypher
MATCH (b:Entity)
WHERE toLower($bidder) IN b.lookupKeys
MATCH (b)-[r:BIDS_FOR|SECURED|COMPETES_WITH]->(x:Entity)
RETURN x.name AS target,
       [l IN labels(x) WHERE l <> 'Entity'][0] AS kind,
       CASE type(r)
         WHEN 'SECURED' THEN 'won'
         WHEN 'COMPETES_WITH' THEN 'competes with'
         ELSE coalesce(r.status, x.status, 'bidding')
       END AS outcome,
       coalesce(x.amountKrw, x.totalCostKrw) AS stakeKrw,
       r.asOf AS asOf,
       r.description AS note
ORDER BY outcome, target
