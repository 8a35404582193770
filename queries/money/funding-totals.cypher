// name: funding-totals
// title: Money by scope, year and status: who benefits, with possible overlaps stated
// description: Budgets and standing funds summed by kind (allocation, fund, guarantee,
//   loan programme), scope (who benefits: gwangju, multi-region, other-region,
//   nationwide; the regions named are in regions), year and status. A budget that is part
//   of a larger one is counted in the larger one only. Where the sources leave open whether
//   two amounts share money (MAY_OVERLAP), amountKrw is the plain sum (the most it can be),
//   amountMinKrw the sum less what they may share, and overlap names them. Failed and
//   cancelled requests are rows of their own. Projects' own costs are rows of kind
//   project-cost, never added to allocations (an allocation may pay part of them). KRW
//   figures that are not money flows (investment attracted, sales, caps) are indicators,
//   not counted here.
// result: table
// engine: cypher
MATCH (m:Entity)
WHERE (m:Budget OR m:Fund)
  AND NOT (m)-[:PART_OF]->(:Budget)
  AND NOT (m)-[:PART_OF]->(:Fund)
WITH m,
     coalesce(m.amountKind, CASE WHEN m:Fund THEN 'fund' ELSE 'allocation' END) AS kind,
     coalesce(m.scope, 'unstated') AS scope,
     coalesce(m.status, 'unstated') AS status,
     [(m)-[:BENEFITS]->(r:Region) | r.name] AS regions
OPTIONAL MATCH (m)-[o:MAY_OVERLAP]->(x:Entity)
WHERE coalesce(x.scope, 'unstated') = scope
  AND coalesce(x.status, 'unstated') = status
  AND x.year = m.year
WITH kind, scope, m.year AS year, status, m, regions,
     sum(coalesce(o.maxOverlapKrw, 0)) AS shared,
     collect(x.name) AS others
WITH kind, scope, year, status, m, regions, shared,
     [w IN others | m.name + ' may contain ' + w] AS pairs
WITH kind, scope, year, status,
     collect(m) AS ms,
     collect(regions) AS regionLists,
     sum(shared) AS shared,
     collect(pairs) AS pairLists
WITH kind, scope, year, status, ms, shared,
     reduce(acc = [], el IN reduce(flat = [], rs IN regionLists | flat + rs) |
       CASE WHEN el IN acc THEN acc
            ELSE [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el] END) AS regions,
     reduce(acc = [], el IN reduce(flat = [], ps IN pairLists | flat + ps) |
       [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS pairs,
     reduce(total = 0, m IN ms | total + coalesce(m.amountKrw, 0)) AS amount
RETURN kind,
       scope,
       regions,
       year,
       status,
       toInteger(amount) AS amountKrw,
       toInteger(amount - shared) AS amountMinKrw,
       CASE WHEN size(pairs) = 0 THEN null
            ELSE 'may share up to ' + toString(toInteger(shared)) + ' KRW: '
                 + reduce(text = '', p IN pairs | text + CASE WHEN text = '' THEN '' ELSE '; ' END + p)
       END AS overlap,
       size(ms) AS items,
       size([m IN ms WHERE m.amountKrw IS NULL]) AS withoutAmount,
       reduce(acc = [], el IN [m IN ms | m.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS what
ORDER BY kind, scope, year, status, what[0]
UNION ALL
MATCH (p:Entity)
WHERE (p:Project OR p:Cluster) AND p.totalCostKrw IS NOT NULL
RETURN 'project-cost' AS kind,
       coalesce(p.scope, 'unstated') AS scope,
       reduce(acc = [], el IN [(p)-[:BENEFITS]->(r:Region) | r.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS regions,
       p.startYear AS year,
       coalesce(p.status, 'unstated') AS status,
       p.totalCostKrw AS amountKrw,
       p.totalCostKrw AS amountMinKrw,
       null AS overlap,
       1 AS items,
       0 AS withoutAmount,
       [p.name] AS what
ORDER BY kind, scope, year, status, what[0]
