// name: lobbying
// title: Who persuaded or worked with whom for funding and policy
// description: LOBBIES and COOPERATES_WITH relationships: the campaign behind a budget,
//   with the people and bodies on each side.
// param: entity (entity) = null; example: National Assembly
//   Only ties of this organisation or person (either side); unset: all.
// result: table
// engine: cypher
MATCH (a:Entity)-[r:LOBBIES|COOPERATES_WITH]->(b:Entity)
WHERE $entity IS NULL OR toLower($entity) IN a.lookupKeys OR toLower($entity) IN b.lookupKeys
RETURN a.name AS who,
       CASE type(r) WHEN 'LOBBIES' THEN 'lobbies' ELSE 'cooperates with' END AS how,
       b.name AS whom,
       [l IN labels(b) WHERE l <> 'Entity'][0] AS whomKind,
       r.description AS note
ORDER BY who, how, whom
