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
CALL () {
  MATCH (a:Entity)
  WHERE NOT a:Indicator
  UNWIND [
    [a.startYear, null, 'starts'],
    [a.endYear, null, 'ends'],
    [a.completionYear, null, 'to be completed'],
    [a.foundedYear, null, 'founded'],
    [a.targetYear, null, 'target year'],
    [a.year, null, 'budget or fund year'],
    [toInteger(left(a.startDate, 4)), a.startDate, 'starts'],
    [toInteger(left(a.endDate, 4)), a.endDate, 'ends'],
    [toInteger(left(a.openingDate, 4)), a.openingDate, 'opens'],
    [toInteger(left(a.publishedDate, 4)),
     CASE WHEN coalesce(a.publishedDatePrecision, 'day') = 'day' THEN a.publishedDate END,
     'published']
  ] AS item
  WITH a, item
  WHERE item[0] IS NOT NULL
    AND ($from IS NULL OR item[0] >= $from)
    AND ($to IS NULL OR item[0] <= $to)
  RETURN item[0] AS year, item[1] AS date, a.name AS subject, item[2] AS happening,
         [l IN labels(a) WHERE l <> 'Entity'][0] AS kind
  UNION ALL
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE NOT a:Indicator
  UNWIND [
    [r.year, null, coalesce(r.role, 'happens')],
    [toInteger(left(r.validFrom, 4)),
     CASE WHEN r.validFromPrecision = 'day' THEN r.validFrom END, coalesce(r.role, 'begins')],
    [toInteger(left(r.validTo, 4)),
     CASE WHEN r.validToPrecision = 'day' THEN r.validTo END, coalesce(r.role, 'ends')]
  ] AS item
  WITH a, r, b, item
  WHERE item[0] IS NOT NULL
    AND ($from IS NULL OR item[0] >= $from)
    AND ($to IS NULL OR item[0] <= $to)
  RETURN item[0] AS year, item[1] AS date, a.name + ' -' + type(r) + '-> ' + b.name AS subject,
         item[2] AS happening, type(r) AS kind
}
RETURN DISTINCT year, date, subject, happening, kind
ORDER BY year, date, subject, happening
