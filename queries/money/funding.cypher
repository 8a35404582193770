// name: funding
// title: Which budgets and funds pay for which projects, programmes and facilities
// description: Every FUNDS relationship, and every SUPPORTS from a budget or fund, with the
//   amount of the flow (when stated) and of the whole budget, its year, funding source,
//   status, who provides it and the budget event it was allocated in.
// param: entity (entity) = null; example: AX Demonstration Valley
//   Only money going to or coming from this entity (id, name or alias); unset: all.
// result: table
// engine: cypher
MATCH (m:Entity)-[f:FUNDS|SUPPORTS]->(t:Entity)
WHERE (type(f) = 'FUNDS' OR m:Budget OR m:Fund)
  AND ($entity IS NULL OR toLower($entity) IN t.lookupKeys OR toLower($entity) IN m.lookupKeys)
RETURN m.name AS funder,
       [l IN labels(m) WHERE l <> 'Entity'][0] AS funderKind,
       type(f) AS relation,
       t.name AS paysFor,
       [l IN labels(t) WHERE l <> 'Entity'][0] AS paysForKind,
       f.amountKrw AS flowKrw,
       m.amountKrw AS budgetKrw,
       m.year AS year,
       m.fundingSource AS source,
       coalesce(f.status, m.status) AS status,
       reduce(acc = [], el IN [(m)-[:PROVIDED_BY]->(p:Entity) | p.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS providedBy,
       reduce(acc = [], el IN [(m)-[:ALLOCATED_IN]->(e:Event) | e.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS allocatedIn
ORDER BY funder, paysFor
