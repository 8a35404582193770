// name: startup-ecosystem
// title: Start-up support: camps, funds, valleys and festivals, and what they achieved
// description: Start-up camps and support spaces, start-up programmes, funds, valleys and
//   festivals, with status, cost or size, who runs them, and one row per reported figure
//   (resident companies, private investment, jobs).
// result: table
// engine: cypher
MATCH (s:Entity)
WHERE NOT s:Indicator
  AND (s.programType = 'startup-support'
       OR s.facilityType IN ['startup-camp', 'startup-support-space']
       OR s.industry = 'start-ups'
       OR toLower(s.name) CONTAINS 'start-up')
OPTIONAL MATCH (s)-[:HAS_INDICATOR]->(i:Indicator)
RETURN s.name AS part,
       [l IN labels(s) WHERE l <> 'Entity'][0] AS kind,
       s.status AS status,
       coalesce(s.totalCostKrw, s.amountKrw) AS amountKrw,
       s.completionYear AS completionYear,
       reduce(acc = [], el IN [(o:Entity)-[:OPERATES|PURSUES|ORGANIZES]->(s) | o.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS runBy,
       reduce(acc = [], el IN [(s)-[:PART_OF]->(w:Entity) | w.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS partOf,
       i.name AS figure,
       i.value AS value,
       i.unit AS unit
ORDER BY kind, part, figure
