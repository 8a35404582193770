// name: people-graph
// title: People and their roles as a graph
// description: Every person with the organisations they hold roles in or belong to, who
//   appointed them and whom they lobbied or worked with.
// result: graph
// engine: cypher
MATCH path = (p:Person)-[:HOLDS_ROLE|MEMBER_OF|APPOINTED|LOBBIES|COOPERATES_WITH|ANNOUNCED]->(:Entity)
RETURN path
ORDER BY [n IN nodes(path) | n.id], [r IN relationships(path) | r.id]
UNION
MATCH path = (:Entity)-[:APPOINTED|LOBBIES|COOPERATES_WITH]->(p:Person)
RETURN path
ORDER BY [n IN nodes(path) | n.id], [r IN relationships(path) | r.id]
