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
       [(d)-[:EQUIPPED_WITH]->(p:Product) | p.name] AS hardware,
       [(d)-[:EQUIPPED_WITH]->(:Product)-[:MADE_BY]->(m:Company) | m.name] AS hardwareMakers,
       [(b:Entity)-[:BUILT]->(d) | b.name] AS builtBy,
       [(o:Entity)-[:OPERATES]->(d) | o.name] AS operatedBy,
       [(f:Entity)-[:FUNDS|SUPPORTS]->(d) WHERE f:Budget OR f:Fund | f.name] AS backedBy,
       [(d)-[:PART_OF]->(w:Entity) | w.name] AS partOf,
       [(d)-[:SUPPORTS]->(s:Entity) | s.name] AS supports,
       [(d)-[:LOCATED_IN]->(r:Region) | r.name] AS location
