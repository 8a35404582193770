// name: talent-pipeline
// title: The talent pipeline: academies, universities, programmes, graduates, employment
// description: Academies, universities, education and university-support programmes and the
//   talent strategies they feed, with what they train for, who funds them, and one row per
//   reported figure (graduates, employment share, trainees, training targets).
// result: table
// engine: cypher
MATCH (t:Entity)
WHERE t:Academy OR t:University
   OR (t:Program AND t.programType IN ['education', 'university-support'])
   OR (t:Policy AND ((t)<-[:PARTICIPATES_IN]-(:University) OR (t)<-[:SUPPORTS]-(:Program)))
OPTIONAL MATCH (t)-[:HAS_INDICATOR]->(i:Indicator)
RETURN t.name AS part,
       [l IN labels(t) WHERE l <> 'Entity'][0] AS kind,
       reduce(acc = [], el IN [(t)-[:TRAINS_FOR]->(x:Entity) | x.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS trainsFor,
       reduce(acc = [], el IN [(t)-[:PARTICIPATES_IN|SUPPORTS]->(s:Entity) | s.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS feeds,
       reduce(acc = [], el IN [(f:Entity)-[:FUNDS|SUPPORTS]->(t) | f.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS backedBy,
       i.name AS figure,
       i.value AS value,
       i.unit AS unit,
       i.valueKind AS valueKind
ORDER BY kind, part, figure
