// name: search
// title: Find entities by part of an id, name, Korean name, alias or description
// description: Every entity whose id, names or aliases contain the text (case-insensitive),
//   or whose description does, with the keys that matched.
// param: text (str) = semiconductor; example: 반도체
//   The text to look for.
// result: table
// engine: cypher
MATCH (n:Entity)
WHERE any(k IN n.lookupKeys WHERE k CONTAINS toLower($text))
   OR toLower(coalesce(n.description, '')) CONTAINS toLower($text)
RETURN n.id AS id,
       [l IN labels(n) WHERE l <> 'Entity'][0] AS kind,
       n.name AS name,
       n.nameKo AS nameKo,
       [k IN n.lookupKeys WHERE k CONTAINS toLower($text)] AS matched
ORDER BY kind, name
