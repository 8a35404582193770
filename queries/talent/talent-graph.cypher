// name: talent-graph
// title: The talent pipeline as a graph: academies, universities, programmes and results
// description: Academies, universities and training programmes with what they train for,
//   who runs or joins them, and their reported results (graduates, employment, trainees).
// result: graph
// engine: cypher
MATCH (school:Entity)
WHERE school:Academy OR school:University OR (school:Program AND school.programType = 'education')
MATCH path = (school)-[:TRAINS_FOR|HAS_INDICATOR|PARTICIPATES_IN|LOCATED_IN]->(:Entity)
RETURN path
ORDER BY [n IN nodes(path) | n.id], [r IN relationships(path) | r.id]
UNION ALL
MATCH (school:Entity)
WHERE school:Academy OR school:University OR (school:Program AND school.programType = 'education')
MATCH path = (:Entity)-[:OPERATES|FOUNDED|PARTICIPATES_IN|SUPPORTS]->(school)
RETURN path
ORDER BY [n IN nodes(path) | n.id], [r IN relationships(path) | r.id]
