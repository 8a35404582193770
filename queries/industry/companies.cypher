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
       reduce(acc = [], el IN [(c)-[:LOCATED_IN]->(place:Region) | place.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS locatedIn,
       reduce(acc = [], el IN [(c)-[r]->(x:Entity) WHERE type(r) <> 'LOCATED_IN' | type(r) + ' ' + x.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS does,
       reduce(acc = [], el IN [(y:Entity)-[s]->(c) | y.name + ' ' + type(s)] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS receives
ORDER BY sector, company
