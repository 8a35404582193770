// name: neighbourhood
// title: The neighbourhood of an entity: everything within one to three steps
// description: Every path from the entity to another within `depth` relationships, in either
//   direction (depth is at most 3), shortest first.
// param: entity (entity) = asicland; example: NHN Cloud
//   The entity at the centre, by id, English or Korean name, or alias.
// param: depth (int) = 1; example: 2
//   How many steps out to go (1 to 3).
// result: graph
// engine: cypher
MATCH (n:Entity)
WHERE toLower($entity) IN n.lookupKeys
MATCH path = (n)-[*1..3]-(m:Entity)
WHERE length(path) <= $depth
RETURN path, m.name AS reaches, length(path) AS steps
ORDER BY steps, reaches, [x IN nodes(path) | x.id], [r IN relationships(path) | r.id]
