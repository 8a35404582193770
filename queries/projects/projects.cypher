// name: projects
// title: Projects and clusters: phases, cost, schedule, status, funding
// description: Every project and cluster with its phase, total cost, start and end (or
//   completion) year and status, the project it follows, where it is, who pursues it and
//   which budgets fund it.
// param: status (str) = null; example: pending
//   Only projects with this status (proposed, planned, pending, in-operation, ...).
// result: table
// engine: cypher
MATCH (p:Entity)
WHERE (p:Project OR p:Cluster) AND ($status IS NULL OR p.status = $status)
RETURN p.name AS project,
       [l IN labels(p) WHERE l <> 'Entity'][0] AS kind,
       p.phase AS phase,
       p.totalCostKrw AS totalCostKrw,
       p.startYear AS startYear,
       coalesce(p.endYear, p.completionYear) AS endYear,
       p.status AS status,
       reduce(acc = [], el IN [(p)-[:FOLLOWS]->(prev:Entity) | prev.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS follows,
       reduce(acc = [], el IN [(p)-[:LOCATED_IN]->(r:Region) | r.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS location,
       reduce(acc = [], el IN [(o:Entity)-[:PURSUES|SECURED]->(p) | o.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS pursuedBy,
       reduce(acc = [], el IN [(m:Entity)-[:FUNDS]->(p) | m.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS fundedBy
ORDER BY kind, project
