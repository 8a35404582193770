// name: requests
// title: What was asked for (budgets, laws, projects) and whether it came through
// description: Every REQUESTED relationship with the request's kind, amount and status, and
//   who secured it, if anyone.
// param: requester (entity) = null; example: Gwangju City
//   Only the requests of this organisation or place; unset: all.
// result: table
// engine: cypher
MATCH (who:Entity)-[r:REQUESTED]->(x:Entity)
WHERE $requester IS NULL OR toLower($requester) IN who.lookupKeys
RETURN who.name AS requester,
       x.name AS request,
       [l IN labels(x) WHERE l <> 'Entity'][0] AS kind,
       x.amountKrw AS amountKrw,
       coalesce(r.status, x.status) AS status,
       reduce(acc = [], el IN [(s:Entity)-[:SECURED]->(x) | s.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS securedBy,
       r.description AS note
ORDER BY requester, request
