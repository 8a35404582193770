// name: funding-totals
// title: Money by funding source, year and status (budgets and funds, no double counting)
// description: Totals of budgets and standing funds grouped by funding source, year and
//   status. A budget that is part of a larger budget (e.g. one line of a small-business
//   package) is counted in the larger one only. Items whose amount the sources do not state
//   are counted in withoutAmount.
// result: table
// engine: cypher
MATCH (m:Entity)
WHERE (m:Budget OR m:Fund)
  AND NOT (m)-[:PART_OF]->(:Budget)
  AND NOT (m)-[:PART_OF]->(:Fund)
WITH coalesce(m.fundingSource, 'unstated') AS source,
     m.year AS year,
     coalesce(m.status, 'unstated') AS status,
     toInteger(sum(coalesce(m.amountKrw, 0))) AS totalKrw,
     count(m) AS items,
     toInteger(sum(CASE WHEN m.amountKrw IS NULL THEN 1 ELSE 0 END)) AS withoutAmount,
     collect(m.name) AS names
RETURN source, year, status, totalKrw, items, withoutAmount,
       reduce(acc = [], el IN names |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS what
ORDER BY source, year, status
