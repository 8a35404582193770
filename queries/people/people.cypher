// name: people
// title: People and their roles: posts, memberships, terms, who appointed them
// description: Every person with each role they hold or held (HOLDS_ROLE, MEMBER_OF), the
//   organisation, years, number of terms, and who appointed them to that post.
// param: person (entity) = null; example: 강기정
//   Only this person (id, English or Korean name, or alias); unset: everyone.
// result: table
// engine: cypher
MATCH (p:Person)
WHERE $person IS NULL OR toLower($person) IN p.lookupKeys
OPTIONAL MATCH (p)-[r:HOLDS_ROLE|MEMBER_OF]->(o:Entity)
RETURN p.name AS person,
       p.nameKo AS nameKo,
       r.role AS role,
       o.name AS organisation,
       r.startYear AS since,
       r.endYear AS until,
       r.termCount AS terms,
       reduce(acc = [], el IN [(a:Entity)-[x:APPOINTED]->(p) WHERE x.role = r.role | a.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS appointedBy
ORDER BY person, since, organisation
