// name: pending-decisions
// title: Projects still waiting for a decision: exemptions, cabinet approval, tenders, bids
// description: Open steps a project still requires (a feasibility-study exemption, a cabinet
//   resolution), tenders still to come (a re-tender), bids not yet decided, requests for laws
//   or institutions still proposed, and proposed or pending projects without a listed step.
// result: table
// engine: cypher
MATCH (p:Entity)-[r:REQUIRES]->(e:Event)
WHERE NOT coalesce(r.status, e.status, 'pending') IN ['completed', 'secured', 'in-operation', 'cancelled']
RETURN p.name AS project,
       e.name AS waitingFor,
       coalesce(e.eventType, 'approval') AS kind,
       coalesce(r.status, e.status) AS status,
       reduce(acc = [], el IN [(o:Entity)-[:ORGANIZES]->(e) | o.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS decidedBy
ORDER BY project, waitingFor
UNION ALL
MATCH (t:Event)-[:PART_OF]->(p:Entity)
WHERE t.status IN ['proposed', 'planned', 'pending', 'bidding']
RETURN p.name AS project,
       t.name AS waitingFor,
       coalesce(t.eventType, 'event') AS kind,
       t.status AS status,
       reduce(acc = [], el IN [(o:Entity)-[:ORGANIZES]->(t) | o.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS decidedBy
ORDER BY project, waitingFor
UNION ALL
MATCH (b:Entity)-[r:BIDS_FOR]->(p:Entity)
WHERE coalesce(r.status, p.status) IN ['proposed', 'planned', 'pending', 'bidding']
RETURN p.name AS project,
       'selection of the bid by ' + b.name AS waitingFor,
       'bid' AS kind,
       coalesce(r.status, p.status) AS status,
       reduce(acc = [], el IN [(o:Entity)-[:PURSUES|ANNOUNCED|ORGANIZES]->(p) | o.name] |
         [seen IN acc WHERE seen < el] + [el] + [seen IN acc WHERE seen >= el]) AS decidedBy
ORDER BY project, waitingFor
UNION ALL
MATCH (who:Entity)-[r:REQUESTED]->(p:Policy)
WHERE coalesce(r.status, p.status) IN ['proposed', 'pending']
RETURN p.name AS project,
       'a government decision on the request by ' + who.name AS waitingFor,
       coalesce(p.policyType, 'policy') AS kind,
       coalesce(r.status, p.status) AS status,
       [] AS decidedBy
ORDER BY project, waitingFor
UNION ALL
MATCH (p:Project)
WHERE p.status IN ['proposed', 'pending'] AND NOT (p)-[:REQUIRES]->(:Event)
RETURN p.name AS project,
       'a decision to go ahead' AS waitingFor,
       'project' AS kind,
       p.status AS status,
       [] AS decidedBy
ORDER BY project, waitingFor
