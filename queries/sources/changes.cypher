// name: changes
// title: What changed between two dates: facts added, updated or superseded, with both sources
// description: Every claim that became the current value of a fact between the two dates,
//   with the value it replaced and both sources (updated: a later source gives another
//   value; superseded: the seed says the later claim replaces the earlier one; a later
//   source only restating a value is not listed), claims stated in the window that never
//   became current, and the entities and relationships first stated in the window. Dates
//   are knowledge dates: when the sources were published.
// param: from (date) = 2023-06-01; example: 2023-06-01
//   The first day of the window (YYYY-MM-DD; YYYY or YYYY-MM also work).
// param: to (date) = 2025-12-31; example: 2025-12-31
//   The last day of the window.
// result: table
// engine: cypher
MATCH (new:Claim)
WHERE new.currentFrom >= $from AND new.currentFrom <= $to
OPTIONAL MATCH (old:Claim)
WHERE old.id = new.replaces
WITH new, old,
     CASE WHEN old IS NULL THEN 'added'
          WHEN old.claimKey IN new.supersedes OR old.rank = 'deprecated' THEN 'superseded'
          WHEN old.valueText <> new.valueText THEN 'updated'
          ELSE 'restated' END AS change
WHERE change <> 'restated'
RETURN change,
       new.subjectId AS subject,
       new.subjectName AS name,
       new.property AS fact,
       old.valueText AS oldValue,
       old.sourceId AS oldSource,
       old.knownDate AS oldDate,
       new.valueText AS newValue,
       new.sourceId AS newSource,
       new.knownDate AS newDate
ORDER BY newDate, subject, fact
UNION ALL
MATCH (c:Claim)
WHERE c.knownDate >= $from AND c.knownDate <= $to AND c.currentFrom IS NULL
RETURN 'added-not-current' AS change,
       c.subjectId AS subject,
       c.subjectName AS name,
       c.property AS fact,
       null AS oldValue,
       null AS oldSource,
       null AS oldDate,
       c.valueText AS newValue,
       c.sourceId AS newSource,
       c.knownDate AS newDate
ORDER BY newDate, subject, fact
UNION ALL
MATCH (n:Entity)
WHERE n.firstStated >= $from AND n.firstStated <= $to AND NOT n:SourceDocument
RETURN 'added' AS change,
       n.id AS subject,
       n.name AS name,
       [l IN labels(n) WHERE l <> 'Entity'][0] AS fact,
       null AS oldValue,
       null AS oldSource,
       null AS oldDate,
       n.name AS newValue,
       [i IN range(0, size(n.sourceIds) - 1) WHERE n.sourceDates[i] = n.firstStated | n.sourceIds[i]][0] AS newSource,
       n.firstStated AS newDate
ORDER BY newDate, subject, fact
UNION ALL
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.firstStated >= $from AND r.firstStated <= $to
RETURN 'added' AS change,
       r.id AS subject,
       a.name + ' -' + type(r) + '-> ' + b.name AS name,
       type(r) AS fact,
       null AS oldValue,
       null AS oldSource,
       null AS oldDate,
       b.name AS newValue,
       [i IN range(0, size(r.sourceIds) - 1) WHERE r.sourceDates[i] = r.firstStated | r.sourceIds[i]][0] AS newSource,
       r.firstStated AS newDate
ORDER BY newDate, subject, fact
