// name: pending-graph
// title: What is still waiting for a decision, as a graph
// description: Projects, facilities, policies and budgets whose status is pending, planned,
//   proposed or bidding, with the approvals they require, who pursues, requests or bids for
//   them, and what they belong to.
// result: graph
// engine: cypher
MATCH (open:Entity)
WHERE open.status IN ['pending', 'planned', 'proposed', 'bidding']
  AND NOT open:Indicator
MATCH path = (open)-[:REQUIRES|PART_OF|FOLLOWS]->(:Entity)
RETURN path
ORDER BY [n IN nodes(path) | n.id], [r IN relationships(path) | r.id]
UNION ALL
MATCH (open:Entity)
WHERE open.status IN ['pending', 'planned', 'proposed', 'bidding']
  AND NOT open:Indicator
MATCH path = (:Entity)-[:PURSUES|REQUESTED|BIDS_FOR|ANNOUNCED]->(open)
RETURN path
ORDER BY [n IN nodes(path) | n.id], [r IN relationships(path) | r.id]
