// name: data-center
// title: The national AI data center: what it runs, who built and operates it
// description: Compute and storage capacity, status, the hardware it runs and who makes it,
//   who built and operates it, which budgets pay for or back it, what it belongs to and
//   what it supports, and where it stands. Its reported results: the `indicators` query.
// param: center (entity) = national-ai-data-center; example: 국립AI데이터센터
//   The data center, by id, English or Korean name, or alias.
// result: table
// engine: cypher
MATCH (d:DataCenter)
WHERE toLower($center) IN d.lookupKeys
RETURN d.name AS center,
       d.nameKo AS nameKo,
       d.computePetaflops AS computePetaflops,
       d.storagePetabytes AS storagePetabytes,
       d.status AS status,
       d.openingDate AS openingDate,
       reduce(acc = [], el IN [(d)-[:EQUIPPED_WITH]->(p:Product) | p.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS hardware,
       reduce(acc = [], el IN [(d)-[:EQUIPPED_WITH]->(:Product)-[:MADE_BY]->(m:Company) | m.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS hardwareMakers,
       reduce(acc = [], el IN [(b:Entity)-[:BUILT]->(d) | b.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS builtBy,
       reduce(acc = [], el IN [(o:Entity)-[:OPERATES]->(d) | o.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS operatedBy,
       reduce(acc = [], el IN [(f:Entity)-[:FUNDS|SUPPORTS]->(d) WHERE f:Budget OR f:Fund | f.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS backedBy,
       reduce(acc = [], el IN [(d)-[:PART_OF]->(w:Entity) | w.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS partOf,
       reduce(acc = [], el IN [(d)-[:SUPPORTS]->(s:Entity) | s.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS supports,
       reduce(acc = [], el IN [(d)-[:LOCATED_IN]->(r:Region) | r.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS location
