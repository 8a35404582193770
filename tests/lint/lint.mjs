// Lint Cypher with Neo4j's own language support, many queries in one node process.
// Input (stdin): {"schema": {labels, relationshipTypes, propertyKeys, graphSchema},
//                 "queries": [{"name": ..., "text": ...}, ...]}
// Output (stdout): [{"name": ..., "diagnostics": [{severity, message, line, column,
//                   deprecated}, ...]}, ...]   (severity: "error" or "warning")
import { lintCypherQuery, isNotParamError, testData } from '@neo4j-cypher/language-support';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const schema = {
  ...input.schema,
  functions: testData.mockSchema.functions,
  procedures: testData.mockSchema.procedures,
};

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
const results = input.queries.map(({ name, text }) => {
  const { diagnostics } = lintCypherQuery(text, schema);
  return {
    name,
    diagnostics: diagnostics.filter(isNotParamError).map((d) => ({
      severity: SEVERITY[d.severity] ?? String(d.severity),
      message: d.message,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      deprecated: Boolean(d.tags && d.tags.includes(2)) || /deprecated/i.test(d.message),
    })),
  };
});
process.stdout.write(JSON.stringify(results));
