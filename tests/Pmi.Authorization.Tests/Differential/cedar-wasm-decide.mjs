// Decides every request of every case with @cedar-policy/cedar-wasm and prints the outcomes as JSON.
// Input (argv[2]): {"cases": [{"policies": "<Cedar text>", "entities": [...], "requests": [{principal, action, resource, context}]}]}
// Output: one array per case, one item per request: {decision, reasons, errors} (ids sorted), or {failure: [messages]}.
import { readFileSync } from 'node:fs';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const outcomes = input.cases.map(c => c.requests.map(r => {
  const answer = cedar.isAuthorized({
    principal: r.principal, action: r.action, resource: r.resource, context: r.context,
    policies: { staticPolicies: c.policies }, entities: c.entities,
  });
  if (answer.type !== 'success') {
    return { failure: answer.errors.map(e => e.message) };
  }
  const d = answer.response.diagnostics;
  return {
    decision: answer.response.decision,
    reasons: [...d.reason].sort(),
    errors: [...new Set(d.errors.map(e => e.policyId))].sort(),
  };
}));
process.stdout.write(JSON.stringify({ version: cedar.getCedarVersion(), outcomes }));
