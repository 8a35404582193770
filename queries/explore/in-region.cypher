// name: in-region
// title: What is in a place: organisations, facilities, projects and events there
// description: Everything located in the region or in a district or zone inside it (up to
//   three levels down), and what the region hosts.
// param: region (entity) = gwangju; example: 광주
//   The region, by id, English or Korean name, or alias.
// result: table
// engine: cypher
MATCH (r:Region)
WHERE toLower($region) IN r.lookupKeys
MATCH (x:Entity)-[:LOCATED_IN]->(place:Region)-[:PART_OF*0..3]->(r)
RETURN x.name AS what,
       [l IN labels(x) WHERE l <> 'Entity'][0] AS kind,
       place.name AS where,
       'located in' AS how
ORDER BY kind, what
UNION ALL
MATCH (r:Region)
WHERE toLower($region) IN r.lookupKeys
MATCH (r)-[:HOSTS]->(x:Entity)
RETURN x.name AS what,
       [l IN labels(x) WHERE l <> 'Entity'][0] AS kind,
       r.name AS where,
       'hosted' AS how
ORDER BY kind, what
