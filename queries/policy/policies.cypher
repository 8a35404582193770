// name: policies
// title: Policies, strategies, goals and proposed laws: who champions and who supports them
// description: Every policy with its type, status and target year, who pursues, announced or
//   requested it, who supports or takes part in it, what belongs to it, and its targets.
// result: table
// engine: cypher
MATCH (p:Policy)
RETURN p.name AS policy,
       p.policyType AS type,
       p.status AS status,
       p.targetYear AS targetYear,
       reduce(acc = [], el IN [(o:Entity)-[:PURSUES|ANNOUNCED|REQUESTED]->(p) | o.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS championedBy,
       reduce(acc = [], el IN [(s:Entity)-[:SUPPORTS|PARTICIPATES_IN]->(p) | s.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS supportedBy,
       reduce(acc = [], el IN [(x:Entity)-[:PART_OF]->(p) | x.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS includes,
       reduce(acc = [], el IN [(p)-[:HAS_INDICATOR]->(i:Indicator) | i.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS targets
ORDER BY type, policy
