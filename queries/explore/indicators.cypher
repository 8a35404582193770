// name: indicators
// title: The figures reported about one entity (results, counts, targets)
// description: Every indicator of the entity: metric, value and unit, whether it is an actual
//   figure, a target, an estimate or a programme rule, how the source qualifies it, the year
//   or period it covers, and the quote it rests on.
// param: entity (entity) = national-ai-data-center; example: AI Academy
//   The entity, by id, English or Korean name, or alias.
// result: table
// engine: cypher
MATCH (n:Entity)
WHERE toLower($entity) IN n.lookupKeys
MATCH (n)-[:HAS_INDICATOR]->(i:Indicator)
RETURN n.name AS entity,
       i.name AS figure,
       i.metric AS metric,
       i.value AS value,
       i.unit AS unit,
       i.valueKind AS valueKind,
       i.valueQualifier AS qualifier,
       coalesce(i.year, i.periodEndYear, i.targetYear) AS year,
       i.periodStartYear AS sinceYear,
       i.sourceQuotes AS quotes
ORDER BY metric, year
