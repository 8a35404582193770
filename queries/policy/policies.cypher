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
       [(o:Entity)-[:PURSUES|ANNOUNCED|REQUESTED]->(p) | o.name] AS championedBy,
       [(s:Entity)-[:SUPPORTS|PARTICIPATES_IN]->(p) | s.name] AS supportedBy,
       [(x:Entity)-[:PART_OF]->(p) | x.name] AS includes,
       [(p)-[:HAS_INDICATOR]->(i:Indicator) | i.name] AS targets
ORDER BY type, policy
