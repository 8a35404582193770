// name: components
// title: Islands of the graph: groups of entities connected to each other
// description: Connected components (edge direction ignored), largest first, with their
//   members; a small component is a story the rest of the graph does not touch.
// note: Answered by the networkx layer (graph.analytics): connected components are not
//   portable Cypher. The Cypher below is the fallback: the entities with no relationship
//   at all (components of one).
// result: table
// engine: networkx
MATCH (n:Entity)
WHERE NOT n:SourceDocument AND NOT (n)--()
RETURN n.id AS id, n.name AS name
ORDER BY id
