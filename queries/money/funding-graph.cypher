// name: funding-graph
// title: The money graph: budgets and funds, where they come from and what they pay for
// description: Every budget and fund with the paths to what it pays for or supports, the
//   budget event it was allocated in, who provides it and who requested or secured it.
//   Optionally one funding source (national, city, district, private, ...).
// param: source (str) = null; example: national
//   Only budgets and funds of this funding source; all when omitted.
// result: graph
// engine: cypher
MATCH (money:Entity)
WHERE (money:Budget OR money:Fund)
  AND ($source IS NULL OR toLower(money.fundingSource) = toLower($source))
MATCH path = (money)-[:FUNDS|SUPPORTS|ALLOCATED_IN|PROVIDED_BY|PART_OF]->(:Entity)
RETURN path, type(relationships(path)[0]) AS flow
ORDER BY [n IN nodes(path) | n.id], [r IN relationships(path) | r.id]
UNION ALL
MATCH (money:Entity)
WHERE (money:Budget OR money:Fund)
  AND ($source IS NULL OR toLower(money.fundingSource) = toLower($source))
MATCH path = (:Entity)-[:SECURED|REQUESTED|OPERATES]->(money)
RETURN path, type(relationships(path)[0]) AS flow
ORDER BY [n IN nodes(path) | n.id], [r IN relationships(path) | r.id]
