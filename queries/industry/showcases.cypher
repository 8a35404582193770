// name: showcases
// title: Products shown at an event (CES 2025) and who develops or makes them
// description: Every product showcased at the event, its type, developers and makers.
// param: event (entity) = ces-2025; example: CES 2025
//   The event, by id, name or alias.
// result: table
// engine: cypher
MATCH (e:Event)
WHERE toLower($event) IN e.lookupKeys
MATCH (p:Product)-[r:SHOWCASED_AT]->(e)
RETURN e.name AS event,
       p.name AS product,
       p.productType AS type,
       reduce(acc = [], el IN [(d:Entity)-[:DEVELOPS]->(p) | d.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS developedBy,
       reduce(acc = [], el IN [(p)-[:MADE_BY]->(m:Company) | m.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS madeBy,
       r.description AS note
ORDER BY product
