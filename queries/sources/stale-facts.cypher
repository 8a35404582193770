// name: stale-facts
// title: Facts no source has stated since a given date
// description: Nodes and relationships whose newest citing source (lastStated: the date
//   the last source stating them was published) is before the given date: what may be out
//   of date and worth checking against newer sources. asOf is the date a measured value
//   holds for, where the sources give one.
// param: before (date) = 2024-01-01; example: 2025-01-01
//   The cut-off date (YYYY-MM-DD; YYYY or YYYY-MM also work).
// result: table
// engine: cypher
MATCH (n:Entity)
WHERE n.lastStated < $before AND NOT n:SourceDocument
RETURN 'node' AS element,
       [l IN labels(n) WHERE l <> 'Entity'][0] AS kind,
       n.name AS fact,
       n.lastStated AS lastStated,
       n.asOf AS asOf,
       n.sourceIds AS sources
ORDER BY lastStated, kind, fact
UNION ALL
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.lastStated < $before
RETURN 'relationship' AS element,
       type(r) AS kind,
       a.name + ' -' + type(r) + '-> ' + b.name AS fact,
       r.lastStated AS lastStated,
       r.asOf AS asOf,
       r.sourceIds AS sources
ORDER BY lastStated, kind, fact
