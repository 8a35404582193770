// name: entity
// title: One entity: its label and every property it carries
// description: A profile card: labels, names, aliases, description, status, the numbers it
//   carries, asOf and the sources and quotes it rests on, one property per row.
// param: entity (entity) = asicland; example: 에이직랜드
//   The entity, by id, English or Korean name, or alias.
// result: table
// engine: cypher
MATCH (n:Entity)
WHERE toLower($entity) IN n.lookupKeys
UNWIND [['labels', [l IN labels(n) WHERE l <> 'Entity']]]
       + [k IN keys(n) WHERE NOT k IN ['lookupKeys', 'contentHash', 'loadRun'] | [k, n[k]]] AS pair
RETURN pair[0] AS property, pair[1] AS value
ORDER BY property
