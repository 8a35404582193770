// name: history
// title: The history of one entity: every claim about it over time, with sources
// description: For one entity, in the order the sources were published: each source that
//   cites it, every claim about its properties (earlier and later values, which is
//   current, valid time, whether the seed infers it), every relationship touching it as
//   each source states it, and the claims about those relationships.
// param: entity (entity) = national-ai-data-center; example: 국가 AI 데이터센터
//   The entity, by id, English or Korean name, or alias.
// result: table
// engine: cypher
MATCH (n:Entity)
WHERE $entity IN n.lookupKeys
UNWIND range(0, size(n.sourceIds) - 1) AS i
RETURN n.sourceDates[i] AS stated,
       'cited' AS what,
       n.name AS subject,
       null AS value,
       n.sourceIds[i] AS source,
       null AS current,
       n.validFrom AS validFrom,
       n.validTo AS validTo,
       n.inferred AS inferred
ORDER BY stated, what, subject, source
UNION ALL
MATCH (n:Entity)
WHERE $entity IN n.lookupKeys
MATCH (c:Claim)
WHERE c.subjectId = n.id OR c.fromId = n.id OR c.toId = n.id
RETURN c.knownDate AS stated,
       c.property AS what,
       c.subjectName AS subject,
       c.valueText AS value,
       c.sourceId AS source,
       c.isCurrent AS current,
       c.validFrom AS validFrom,
       c.validTo AS validTo,
       c.inferred AS inferred
ORDER BY stated, what, subject, source
UNION ALL
MATCH (n:Entity)-[r]-(m:Entity)
WHERE $entity IN n.lookupKeys
UNWIND range(0, size(r.sourceIds) - 1) AS i
RETURN r.sourceDates[i] AS stated,
       type(r) AS what,
       startNode(r).name + ' -' + type(r) + '-> ' + endNode(r).name AS subject,
       m.name AS value,
       r.sourceIds[i] AS source,
       null AS current,
       r.validFrom AS validFrom,
       r.validTo AS validTo,
       r.inferred AS inferred
ORDER BY stated, what, subject, source
