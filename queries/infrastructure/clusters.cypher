// name: clusters
// title: Industrial clusters, complexes and valleys: size, cost, schedule and status
// description: Every cluster with its industry, area, planned investment, completion year,
//   status, where it is, who hosts, pursues, bids for or won it (backers), and how many
//   parts it has.
// result: table
// engine: cypher
MATCH (c:Cluster)
RETURN c.name AS cluster,
       c.industry AS industry,
       c.status AS status,
       c.areaSquareKm AS areaSquareKm,
       c.totalCostKrw AS totalCostKrw,
       c.completionYear AS completionYear,
       c.companyCount AS companyCount,
       c.researcherCount AS researcherCount,
       reduce(acc = [], el IN [(c)-[:LOCATED_IN]->(r:Region) | r.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS location,
       reduce(acc = [], el IN [(h:Entity)-[:HOSTS|PURSUES|SECURED|BIDS_FOR]->(c) | h.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS backers,
       size([(p:Entity)-[:PART_OF]->(c) | p]) AS parts
ORDER BY industry, cluster
