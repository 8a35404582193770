// name: people
// title: People and their roles: posts, memberships, terms, who appointed them
// description: Every person with each role they hold or held (HOLDS_ROLE, MEMBER_OF), the
//   organisation, years (since, until: the year a role began and ended; validFrom and
//   validTo with their precision, where 'before' means no later than), whether it has
//   ended (the sources give an end; with on, an end before that day), number of terms,
//   and who appointed them to that post.
// param: person (entity) = null; example: 강기정
//   Only this person (id, English or Korean name, or alias); unset: everyone.
// param: on (date) = null; example: 2025-01-01
//   Say whether each role is known to have ended before this day (unset: ended at all).
// result: table
// engine: cypher
MATCH (p:Person)
WHERE $person IS NULL OR toLower($person) IN p.lookupKeys
OPTIONAL MATCH (p)-[r:HOLDS_ROLE|MEMBER_OF]->(o:Entity)
RETURN p.name AS person,
       p.nameKo AS nameKo,
       r.role AS role,
       o.name AS organisation,
       toInteger(left(r.validFrom, 4)) AS since,
       toInteger(left(r.validTo, 4)) AS until,
       r.validFrom AS validFrom,
       r.validFromPrecision AS validFromPrecision,
       r.validTo AS validTo,
       r.validToPrecision AS validToPrecision,
       r.validTo IS NOT NULL AND ($on IS NULL OR r.validTo < $on) AS ended,
       r.termCount AS terms,
       reduce(acc = [], el IN [(a:Entity)-[x:APPOINTED]->(p) WHERE x.role = r.role | a.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS appointedBy
ORDER BY person, since, organisation
