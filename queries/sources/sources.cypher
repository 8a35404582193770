// name: sources
// title: The source documents and how many facts rest on each
// description: Publisher, title, date, language and file of every source, with the number
//   of nodes and relationships that cite it.
// result: table
// engine: cypher
MATCH (s:SourceDocument)
OPTIONAL MATCH (n:Entity)
WHERE s.id IN n.sourceIds AND NOT n:SourceDocument
WITH s, count(n) AS nodes
OPTIONAL MATCH (:Entity)-[r]->(:Entity)
WHERE s.id IN r.sourceIds
WITH s, nodes, count(r) AS relationships
RETURN s.id AS id,
       s.publisher AS publisher,
       s.title AS title,
       s.publishedDate AS published,
       s.language AS language,
       s.fileName AS file,
       nodes,
       relationships
ORDER BY published, id
