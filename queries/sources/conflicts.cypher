// name: conflicts
// title: Where sources disagree: facts with claims of different values, and which is current
// description: Every fact (a property of an entity or relationship) with at least two
//   claims of different values whose valid times may overlap (a claim without validFrom,
//   validTo or asOf may hold at any time), one row per claim and source: its value, source,
//   quote, the date the source was published, its rank, whether the seed infers it, and
//   whether it is the current claim.
// result: table
// engine: cypher
MATCH (c:Claim)
WITH c.subjectId AS subject, c.property AS fact, collect(c) AS claims
WHERE any(a IN claims WHERE any(b IN claims WHERE a.valueText <> b.valueText
      AND coalesce(a.validFrom, a.asOf, '0000-01-01') <= coalesce(b.validTo, b.asOf, '9999-12-31')
      AND coalesce(b.validFrom, b.asOf, '0000-01-01') <= coalesce(a.validTo, a.asOf, '9999-12-31')))
UNWIND claims AS c
RETURN subject,
       c.subjectName AS name,
       fact,
       c.valueText AS value,
       c.sourceId AS source,
       c.knownDate AS stated,
       c.quotes[0] AS quote,
       c.rank AS rank,
       c.inferred AS inferred,
       c.isCurrent AS current
ORDER BY subject, fact, stated, value
