// name: programmes
// title: Government programmes and schemes: who runs them, who pays, who takes part
// description: Every programme (GPU support, public delivery apps, loans, subsidies,
//   education, tourism, ...) with its type and status, operators, funders, parts and
//   participants.
// param: type (str) = null; example: loan
//   Only programmes of this programType (e.g. loan, education, subsidy); unset: all.
// result: table
// engine: cypher
MATCH (p:Program)
WHERE $type IS NULL OR p.programType = $type
RETURN p.name AS programme,
       p.programType AS type,
       p.status AS status,
       reduce(acc = [], el IN [(o:Entity)-[:OPERATES]->(p) | o.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS operatedBy,
       reduce(acc = [], el IN [(f:Entity)-[:FUNDS|SUPPORTS]->(p) | f.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS backedBy,
       reduce(acc = [], el IN [(x:Entity)-[:PART_OF]->(p) | x.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS parts,
       reduce(acc = [], el IN [(member:Entity)-[:PARTICIPATES_IN]->(p) | member.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS participants
ORDER BY type, programme
