// name: communities
// title: Communities: tightly knit groups of entities (Louvain, seeded)
// description: Louvain communities of the undirected graph, largest first, with their
//   members: the themes the sources cluster into (the AI hub, the budget campaign, the
//   Gwanak-gu pilot, ...). Seeded, so the same graph gives the same groups.
// note: Answered by the networkx layer (graph.analytics): community detection is not
//   portable Cypher. The Cypher below is the fallback: entities grouped by label.
// result: table
// engine: networkx
MATCH (n:Entity)
WHERE NOT n:SourceDocument
RETURN [l IN labels(n) WHERE l <> 'Entity'][0] AS community, count(n) AS size, collect(n.name) AS members
ORDER BY size DESC, community
