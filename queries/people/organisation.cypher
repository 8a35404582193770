// name: organisation
// title: Inside an organisation: its units, who runs them and what they do
// description: The offices, teams and divisions that are part of the organisation (up to two
//   levels down), the people who hold roles in or run each, and what each unit does.
// param: org (entity) = gwangju-city-government; example: Gwanak-gu Office
//   The organisation, by id, English or Korean name, or alias.
// result: table
// engine: cypher
MATCH (o:Entity)
WHERE toLower($org) IN o.lookupKeys
MATCH (u:Entity)-[:PART_OF*1..2]->(o)
WITH DISTINCT o, u
RETURN o.name AS organisation,
       u.name AS unit,
       coalesce(u.bodyType, [l IN labels(u) WHERE l <> 'Entity'][0]) AS kind,
       reduce(acc = [], el IN [(p:Person)-[:HOLDS_ROLE|OPERATES]->(u) | p.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS people,
       reduce(acc = [], el IN [(f:Entity)-[:FOUNDED]->(u) | f.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS foundedBy,
       reduce(acc = [], el IN [(u)-[r]->(x:Entity) WHERE type(r) <> 'PART_OF' | type(r) + ' ' + x.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS does
ORDER BY kind, unit
