// name: cluster-parts
// title: What a cluster is made of: phases, data center, demonstration centers, equipment
// description: Everything that is part of the cluster, directly or through a phase (via),
//   with its kind, type, status and cost.
// param: cluster (entity) = gwangju-ai-cluster; example: AI집적단지
//   The cluster, by id, English or Korean name, or alias.
// result: table
// engine: cypher
MATCH (c:Cluster)
WHERE toLower($cluster) IN c.lookupKeys
MATCH (part:Entity)-[:PART_OF*1..2]->(c)
WITH DISTINCT c, part
RETURN c.name AS cluster,
       part.name AS part,
       [l IN labels(part) WHERE l <> 'Entity'][0] AS kind,
       coalesce(part.facilityType, part.productType, part.programType) AS type,
       part.status AS status,
       part.totalCostKrw AS totalCostKrw,
       reduce(acc = [], el IN [(part)-[:PART_OF]->(mid:Entity)-[:PART_OF]->(c) | mid.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS via
ORDER BY kind, part
