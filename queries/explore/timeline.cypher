// name: timeline
// title: The timeline: what started, ended, was founded, published or is due, year by year
// description: Every dated fact in chronological order: project start and end years,
//   completion and target years, foundings, budget years, event and opening dates, roles
//   and appointments, relationships with start or end dates, and source publications (a
//   source dated to the year only shows no day).
// param: from (int) = null; example: 2020
//   Only from this year on.
// param: to (int) = null; example: 2025
//   Only up to this year.
// result: table
// engine: cypher
MATCH (a:Entity)
WHERE NOT a:Indicator
OPTIONAL MATCH (a)-[r]->(b:Entity)
WITH a, r, b, [l IN labels(a) WHERE l <> 'Entity'][0] AS label,
     a.name + ' -' + type(r) + '-> ' + b.name AS link
UNWIND [
  {year: a.startYear, date: null, subject: a.name, happening: 'starts', kind: label},
  {year: a.endYear, date: null, subject: a.name, happening: 'ends', kind: label},
  {year: a.completionYear, date: null, subject: a.name, happening: 'to be completed', kind: label},
  {year: a.foundedYear, date: null, subject: a.name, happening: 'founded', kind: label},
  {year: a.targetYear, date: null, subject: a.name, happening: 'target year', kind: label},
  {year: a.year, date: null, subject: a.name, happening: 'budget or fund year', kind: label},
  {year: toInteger(left(a.startDate, 4)), date: a.startDate, subject: a.name, happening: 'starts', kind: label},
  {year: toInteger(left(a.endDate, 4)), date: a.endDate, subject: a.name, happening: 'ends', kind: label},
  {year: toInteger(left(a.openingDate, 4)), date: a.openingDate, subject: a.name, happening: 'opens', kind: label},
  {year: toInteger(left(a.publishedDate, 4)),
   date: CASE WHEN coalesce(a.publishedDatePrecision, 'day') = 'day' THEN a.publishedDate END,
   subject: a.name, happening: 'published', kind: label},
  {year: r.year, date: null, subject: link, happening: coalesce(r.role, 'happens'), kind: type(r)},
  {year: toInteger(left(r.validFrom, 4)),
   date: CASE WHEN r.validFromPrecision = 'day' THEN r.validFrom END, subject: link,
   happening: coalesce(r.role, 'begins'), kind: type(r)},
  {year: toInteger(left(r.validTo, 4)),
   date: CASE WHEN r.validToPrecision = 'day' THEN r.validTo END, subject: link,
   happening: coalesce(r.role, 'ends'), kind: type(r)}
] AS item
WITH item
WHERE item.year IS NOT NULL
  AND ($from IS NULL OR item.year >= $from)
  AND ($to IS NULL OR item.year <= $to)
RETURN DISTINCT item.year AS year,
       item.date AS date,
       item.subject AS subject,
       item.happening AS happening,
       item.kind AS kind
ORDER BY year, date, subject, happening
