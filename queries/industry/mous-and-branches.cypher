// name: mous-and-branches
// title: Which companies signed MOUs, which opened branches or labs, which were attracted
// description: MOUs (named parties or counted batches), branches and labs opened in a place,
//   and organisations brought to the city, each with how many companies the row stands for.
//   Counted batches come from agreements' partyCount and from indicators such as the number
//   of MOU companies that opened a branch or lab, and the number of fabless firms attracted.
// result: table
// engine: cypher
MATCH (a:Agreement)
RETURN 'MOU or agreement' AS kind,
       a.name AS companies,
       reduce(acc = [], el IN [(s:Entity)-[:SIGNED]->(a) | s.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS counterpart,
       coalesce(a.partyCount, size([(party:Entity)-[:SIGNED]->(a) | party])) AS companyCount,
       a.startYear AS since,
       a.description AS note
ORDER BY companies, counterpart
UNION ALL
MATCH (c:Entity)-[r:OPENED_BRANCH_IN]->(place:Entity)
RETURN 'branch or lab' AS kind,
       c.name AS companies,
       [place.name] AS counterpart,
       1 AS companyCount,
       toInteger(left(r.validFrom, 4)) AS since,
       r.description AS note
ORDER BY companies, counterpart
UNION ALL
MATCH (x:Entity)-[:HAS_INDICATOR]->(i:Indicator)
WHERE i.metric IN ['branchOrLabOpenedCount', 'fablessCompanyAttractedCount']
RETURN CASE i.metric WHEN 'branchOrLabOpenedCount' THEN 'branch or lab' ELSE 'attracted' END AS kind,
       i.name AS companies,
       [x.name] AS counterpart,
       toInteger(i.value) AS companyCount,
       i.periodStartYear AS since,
       i.description AS note
ORDER BY companies, counterpart
UNION ALL
MATCH (g:Entity)-[r:ATTRACTED]->(c:Entity)
RETURN 'attracted' AS kind,
       c.name AS companies,
       [g.name] AS counterpart,
       1 AS companyCount,
       toInteger(left(r.validFrom, 4)) AS since,
       coalesce(r.description, c.description) AS note
ORDER BY companies, counterpart
