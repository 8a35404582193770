// name: partners
// title: An organisation's partners, agreements, backers and rivals
// description: Partnerships, cooperation, agreements signed, who attracted or founded it (or
//   whom it attracted or founded), memberships, participation and competition, in both
//   directions, with role and notes.
// param: org (entity) = asicland; example: ASICLAND
//   The organisation (or person), by id, English or Korean name, or alias.
// result: table
// engine: cypher
MATCH (o:Entity)
WHERE toLower($org) IN o.lookupKeys
MATCH (o)-[r:PARTNER_OF|COOPERATES_WITH|SIGNED|ATTRACTED|FOUNDED|MEMBER_OF|PARTICIPATES_IN|COMPETES_WITH]-(other:Entity)
RETURN type(r) AS relation,
       CASE WHEN startNode(r) = o THEN 'outgoing' ELSE 'incoming' END AS direction,
       other.name AS other,
       [l IN labels(other) WHERE l <> 'Entity'][0] AS kind,
       r.role AS role,
       r.description AS note
ORDER BY relation, other
