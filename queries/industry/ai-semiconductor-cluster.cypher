// name: ai-semiconductor-cluster
// title: The AI-semiconductor cluster around a chip (Aim-GJ-1) and its partners
// description: Who develops the chip and where it was shown; the fabless and foundry firms its
//   developers attracted and their partners (ASICLAND and TSMC); the semiconductor bodies,
//   institutes and complex bids of the developers and what those support; and the count of
//   fabless firms attracted. Each row is one path, with the role it plays.
// param: chip (entity) = aim-gj-1; example: Gwangju-type AI semiconductor
//   The chip, by id, English or Korean name, or alias.
// result: graph
// engine: cypher
MATCH (chip:Product)
WHERE toLower($chip) IN chip.lookupKeys
MATCH path = (:Entity)-[:DEVELOPS|MADE_BY]-(chip)
RETURN path, 'develops or makes the chip' AS role
ORDER BY [n IN nodes(path) | n.id], [r IN relationships(path) | r.id]
UNION ALL
MATCH (chip:Product)
WHERE toLower($chip) IN chip.lookupKeys
MATCH path = (chip)-[:SHOWCASED_AT]->(:Event)
RETURN path, 'where the chip was shown' AS role
ORDER BY [n IN nodes(path) | n.id], [r IN relationships(path) | r.id]
UNION ALL
MATCH (chip:Product)
WHERE toLower($chip) IN chip.lookupKeys
MATCH (d:Entity)-[:DEVELOPS]->(chip)
MATCH path = (d)-[:ATTRACTED]->(firm:Company)
WHERE firm.sector IN ['fabless', 'foundry', 'semiconductor']
RETURN path, 'chip firm attracted by a developer' AS role
ORDER BY [n IN nodes(path) | n.id], [r IN relationships(path) | r.id]
UNION ALL
MATCH (chip:Product)
WHERE toLower($chip) IN chip.lookupKeys
MATCH (d:Entity)-[:DEVELOPS]->(chip)
MATCH path = (d)-[:ATTRACTED]->(firm:Company)-[:PARTNER_OF|COOPERATES_WITH]-(:Entity)
WHERE firm.sector IN ['fabless', 'foundry', 'semiconductor']
RETURN path, 'partner of an attracted chip firm' AS role
ORDER BY [n IN nodes(path) | n.id], [r IN relationships(path) | r.id]
UNION ALL
MATCH (chip:Product)
WHERE toLower($chip) IN chip.lookupKeys
MATCH (d:Entity)-[:DEVELOPS]->(chip)
MATCH path = (d)-[:ATTRACTED|FOUNDED|BIDS_FOR]->(body:Entity)
WHERE toLower(body.name) CONTAINS 'semiconductor' OR body.industry = 'semiconductors'
RETURN path, 'semiconductor body, institute or bid of a developer' AS role
ORDER BY [n IN nodes(path) | n.id], [r IN relationships(path) | r.id]
UNION ALL
MATCH (chip:Product)
WHERE toLower($chip) IN chip.lookupKeys
MATCH (d:Entity)-[:DEVELOPS]->(chip)
MATCH path = (d)-[:ATTRACTED|FOUNDED|BIDS_FOR]->(body:Entity)-[:SUPPORTS]->(:Entity)
WHERE toLower(body.name) CONTAINS 'semiconductor' OR body.industry = 'semiconductors'
RETURN path, 'what a semiconductor body supports' AS role
ORDER BY [n IN nodes(path) | n.id], [r IN relationships(path) | r.id]
UNION ALL
MATCH (chip:Product)
WHERE toLower($chip) IN chip.lookupKeys
MATCH (d:Entity)-[:DEVELOPS]->(chip)
MATCH path = (d)-[:LOCATED_IN]->(:Region)-[:HAS_INDICATOR]->(i:Indicator)
WHERE toLower(i.metric) CONTAINS 'fabless'
RETURN path, 'fabless firms counted in the city of a developer' AS role
ORDER BY [n IN nodes(path) | n.id], [r IN relationships(path) | r.id]
