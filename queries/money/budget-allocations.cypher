// name: budget-allocations
// title: What a budget event (a supplementary budget) allocated, to what, at whose request
// description: Every budget allocated in the event with its amount and status, what it pays
//   for or backs, who requested and who secured it, and the larger budget it belongs to;
//   and every requested budget the event left out (allocated: false).
// param: event (entity) = supplementary-budget-2025-1; example: 1차 추경
//   The budget event, by id, name or alias.
// result: table
// engine: cypher
MATCH (e:Event)
WHERE toLower($event) IN e.lookupKeys
MATCH (b:Entity)-[a:ALLOCATED_IN|NOT_ALLOCATED_IN]->(e)
RETURN e.name AS event,
       b.name AS budget,
       b.amountKrw AS amountKrw,
       coalesce(a.status, b.status) AS status,
       type(a) = 'ALLOCATED_IN' AS allocated,
       reduce(acc = [], el IN [(b)-[:FUNDS|SUPPORTS|REQUESTED_FOR]->(t:Entity) | t.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS paysFor,
       reduce(acc = [], el IN [(r:Entity)-[:REQUESTED]->(b) | r.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS requestedBy,
       reduce(acc = [], el IN [(s:Entity)-[:SECURED]->(b) | s.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS securedBy,
       reduce(acc = [], el IN [(b)-[:PART_OF]->(w:Entity) | w.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS partOf,
       a.description AS note
ORDER BY coalesce(amountKrw, -1) DESC, budget
