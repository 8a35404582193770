// name: communities
// title: Communities: tightly knit groups of entities (Louvain, seeded)
// description: Louvain communities of the undirected graph, largest first, with their
//   members: the themes the sources cluster into (the AI hub, the budget campaign, the
//   Gwanak-gu pilot, ...). Seeded, so the same graph gives the same groups. Above 5,000
//   entities the communities come from the Leiden algorithm (igraph, modularity, seeded):
//   Louvain with a refinement step, minutes faster on big graphs, with other groups.
// note: Answered by the analytics layer (gkg.analytics: networkx, igraph above 5,000
//   entities): community detection is not portable Cypher. The Cypher below is the
//   fallback: entities grouped by label.
// result: table
// engine: networkx
MATCH (n:Entity)
WHERE NOT n:SourceDocument
RETURN [l IN labels(n) WHERE l <> 'Entity'][0] AS community, count(n) AS size, collect(n.name) AS members
ORDER BY size DESC, community
