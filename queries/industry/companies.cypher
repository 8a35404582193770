// name: companies
// title: Companies in the graph: sector, country, where they are and what they do
// description: Every company with its sector and home country, where it is located, and its
//   relationships out (what it does) and in (what is done to it).
// param: sector (str) = null; example: fabless
//   Only companies of this sector (e.g. fabless, foundry, cloud, automotive, gpu).
// result: table
// engine: cypher
MATCH (c:Company)
WHERE $sector IS NULL OR toLower(c.sector) = toLower($sector)
RETURN c.name AS company,
       c.sector AS sector,
       c.country AS country,
       [(c)-[:LOCATED_IN]->(place:Region) | place.name] AS locatedIn,
       [(c)-[r]->(x:Entity) WHERE type(r) <> 'LOCATED_IN' | type(r) + ' ' + x.name] AS does,
       [(y:Entity)-[s]->(c) | y.name + ' ' + type(s)] AS receives
ORDER BY sector, company
