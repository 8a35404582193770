// name: centrality
// title: The most connected entities (degree or betweenness centrality)
// description: The top entities ranked by degree (how many relationships they have) or by
//   betweenness (how often they sit on the shortest chains between others), edge direction
//   ignored, source documents left out.
// note: Answered by the networkx layer (graph.analytics): betweenness is not portable
//   Cypher. The Cypher below is the fallback for degree only.
// param: top (int) = 10; example: 5
//   How many entities to list.
// param: by (str) = degree; example: betweenness
//   degree or betweenness.
// result: table
// engine: networkx
MATCH (n:Entity)
WHERE NOT n:SourceDocument
OPTIONAL MATCH (n)-[r]-(:Entity)
RETURN n.id AS id, n.name AS name, count(r) AS degree
ORDER BY degree DESC, id
LIMIT $top
