// name: connection
// title: How two entities are connected (shortest chain, either direction)
// description: The shortest chain of relationships between two entities, whichever way the
//   relationships point, explained step by step (e.g. ASICLAND -PARTNER_OF-> TSMC).
// note: Answered by the networkx layer (graph.analytics), because an undirected shortest
//   path is not portable Cypher (FalkorDB has directed shortestPath only). The Cypher below
//   is the directed fallback: it finds a chain only when every step points from `from`
//   towards `to`.
// param: from (entity) = asicland; example: ASICLAND
//   Where the chain starts, by id, English or Korean name, or alias.
// param: to (entity) = nvidia; example: TSMC
//   Where the chain ends, by id, English or Korean name, or alias.
// param: lang (str) = en; example: ko
//   Names in the explanation: en (English first) or ko (Korean first).
// result: graph
// engine: networkx
MATCH (a:Entity)
WHERE toLower($from) IN a.lookupKeys
MATCH (b:Entity)
WHERE toLower($to) IN b.lookupKeys
RETURN shortestPath((a)-[*..8]->(b)) AS path
