// name: bid-status
// title: A bid or tender: who pursues it, who competes, the tenders and where they stand
// description: For a facility or project that places compete to host (the national AI
//   computing center, the semiconductor complex, ...): who pursues or organises it, who bids,
//   its tenders and who takes part in them, with status and notes.
// param: target (entity) = national-ai-computing-center; example: semiconductor specialized complex
//   The facility, cluster or project bid for, by id, name or alias.
// result: table
// engine: cypher
MATCH (x:Entity)
WHERE toLower($target) IN x.lookupKeys
MATCH (o:Entity)-[r:PURSUES|ANNOUNCED]->(x)
RETURN o.name AS who, 'pursues or announced it' AS part, coalesce(r.status, x.status) AS status,
       r.description AS note
ORDER BY who, part
UNION ALL
MATCH (x:Entity)
WHERE toLower($target) IN x.lookupKeys
MATCH (b:Entity)-[r:BIDS_FOR]->(x)
RETURN b.name AS who, 'bids to host it' AS part, coalesce(r.status, x.status) AS status,
       r.description AS note
ORDER BY who, part
UNION ALL
MATCH (x:Entity)
WHERE toLower($target) IN x.lookupKeys
MATCH (t:Event)-[:PART_OF]->(x)
RETURN t.name AS who, coalesce(t.eventType, 'event') AS part, t.status AS status,
       'organised by ' + coalesce(head(
         reduce(acc = [], el IN [(o:Entity)-[:ORGANIZES]->(t) | o.name] |
           [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el])
       ), 'unstated') AS note
ORDER BY who, part
UNION ALL
MATCH (x:Entity)
WHERE toLower($target) IN x.lookupKeys
MATCH (p:Entity)-[r:PARTICIPATES_IN]->(t:Event)-[:PART_OF]->(x)
RETURN p.name AS who, 'takes part in ' + t.name AS part, coalesce(r.status, t.status) AS status,
       r.description AS note
ORDER BY who, part
