// name: source-facts
// title: Everything one source document states, with its quotes
// description: Every node and relationship that cites the source, with the quote it rests on.
// param: source (entity) = herald-2023-06-05; example: jnilbo-2025
//   The source document, by id or title.
// result: table
// engine: cypher
MATCH (s:SourceDocument)
WHERE toLower($source) IN s.lookupKeys
WITH s.id AS source
MATCH (n:Entity)
WHERE source IN n.sourceIds AND NOT n:SourceDocument
RETURN 'node' AS element,
       [l IN labels(n) WHERE l <> 'Entity'][0] AS kind,
       n.name AS fact,
       [i IN range(0, size(n.quoteSourceIds) - 1) WHERE n.quoteSourceIds[i] = source | n.sourceQuotes[i]] AS quotes
ORDER BY kind, fact
UNION ALL
MATCH (s:SourceDocument)
WHERE toLower($source) IN s.lookupKeys
WITH s.id AS source
MATCH (a:Entity)-[r]->(b:Entity)
WHERE source IN r.sourceIds
RETURN 'relationship' AS element,
       type(r) AS kind,
       a.name + ' -' + type(r) + '-> ' + b.name AS fact,
       [i IN range(0, size(r.quoteSourceIds) - 1) WHERE r.quoteSourceIds[i] = source | r.sourceQuotes[i]] AS quotes
ORDER BY kind, fact
