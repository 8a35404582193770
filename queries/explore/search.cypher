// name: search
// title: Find entities by part of an id, name, Korean name, alias or description
// description: Every entity whose id, names or aliases contain the text, or whose
//   description does, with the keys that matched. Names are compared as look-up keys:
//   case, spacing, punctuation, Unicode form and British spellings do not matter
//   ("국가 AI 데이터센터" finds 국가AI데이터센터, "Data Centre" finds "Data Center").
// param: text (name) = semiconductor; example: 반도체
//   The text to look for.
// result: table
// engine: cypher
MATCH (n:Entity)
WHERE any(k IN n.lookupKeys WHERE k CONTAINS $text)
   OR toLower(coalesce(n.description, '')) CONTAINS $text
RETURN n.id AS id,
       [l IN labels(n) WHERE l <> 'Entity'][0] AS kind,
       n.name AS name,
       n.nameKo AS nameKo,
       [k IN n.lookupKeys WHERE k CONTAINS $text] AS matched
ORDER BY kind, name
