// name: figures
// title: Figures across the graph by metric (jobs, patents, graduates, investment, ...)
// description: Every indicator whose metric or name contains the text, with the entity it is
//   about, so one can compare like with like (e.g. all jobs figures).
// param: metric (str) = null; example: jobs
//   Text to find in the metric or the figure's name; unset: every figure.
// result: table
// engine: cypher
MATCH (n:Entity)-[:HAS_INDICATOR]->(i:Indicator)
WHERE $metric IS NULL
   OR toLower(i.metric) CONTAINS toLower($metric)
   OR toLower(i.name) CONTAINS toLower($metric)
RETURN i.metric AS metric,
       n.name AS about,
       i.value AS value,
       i.unit AS unit,
       i.valueKind AS valueKind,
       coalesce(i.year, i.periodEndYear, i.targetYear) AS year,
       i.name AS figure
ORDER BY metric, about, year
