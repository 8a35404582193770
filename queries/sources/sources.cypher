// name: sources
// title: The source documents and how many facts rest on each
// description: Publisher, title, date, language and file of every source, with the number
//   of nodes and relationships that cite it.
// result: table
// engine: cypher
// note: counted in one pass over the nodes and one over the relationships, per cited source
//   id (not one pass per source); a fact citing a source twice counts once.
CALL () {
  MATCH (n:Entity)
  WHERE NOT n:SourceDocument
  UNWIND n.sourceIds AS cited
  WITH cited, count(DISTINCT n) AS nodes
  RETURN collect([cited, nodes]) AS nodeCounts
}
CALL () {
  MATCH (:Entity)-[r]->(:Entity)
  UNWIND r.sourceIds AS cited
  WITH cited, count(DISTINCT r) AS relationships
  RETURN collect([cited, relationships]) AS relCounts
}
MATCH (s:SourceDocument)
RETURN s.id AS id,
       s.publisher AS publisher,
       s.title AS title,
       s.publishedDate AS published,
       s.language AS language,
       s.fileName AS file,
       coalesce(head([c IN nodeCounts WHERE c[0] = s.id | c[1]]), 0) AS nodes,
       coalesce(head([c IN relCounts WHERE c[0] = s.id | c[1]]), 0) AS relationships
ORDER BY published, id
