// Measures @cedar-policy/cedar-wasm on a workload written by the benchmark program:
// policies (and schemas) pre-parsed with preparsePolicySet/preparseSchema, then statefulIsAuthorized
// per request with the request's entities, as Cedar's stateful API expects.
// Usage: node cedar-wasm-bench.mjs WORKLOAD.json SECONDS
import { readFileSync } from 'node:fs';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';

const workload = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const seconds = Number(process.argv[3] ?? 5);

workload.policySets.forEach((p, i) => {
  const parsed = cedar.preparsePolicySet('p' + i, { staticPolicies: p.policies });
  if (parsed.type !== 'success') throw new Error('policies ' + p.id + ': ' + JSON.stringify(parsed.errors));
  if (p.schema) {
    const schema = cedar.preparseSchema('s' + i, p.schema);
    if (schema.type !== 'success') throw new Error('schema ' + p.id + ': ' + JSON.stringify(schema.errors));
  }
});

const calls = workload.requests.map(r => ({
  principal: r.principal, action: r.action, resource: r.resource, context: r.context, entities: r.entities,
  preparsedPolicySetId: 'p' + r.policySet,
  preparsedSchemaName: workload.policySets[r.policySet].schema ? 's' + r.policySet : undefined,
  validateRequest: false,
}));

const decide = call => {
  const answer = cedar.statefulIsAuthorized(call);
  return answer.type === 'success' ? answer.response.decision : 'failure';
};

const decisions = calls.map(decide);

// Warm up for a second, then time every call for the requested duration.
let end = process.hrtime.bigint() + 1_000_000_000n;
for (let i = 0; process.hrtime.bigint() < end; i = (i + 1) % calls.length) decide(calls[i]);

// Sized up front from the warm-up rate, so growing the array is not timed.
let warm = 0;
end = process.hrtime.bigint() + 500_000_000n;
for (let i = 0; process.hrtime.bigint() < end; i = (i + 1) % calls.length, warm++) decide(calls[i]);
const latencies = new Float64Array(Math.ceil(warm * 2 * seconds * 2) + 1024);
let n = 0;
const start = process.hrtime.bigint();
end = start + BigInt(Math.round(seconds * 1e9));
for (let i = 0, now = start; now < end; i = (i + 1) % calls.length) {
  const before = process.hrtime.bigint();
  decide(calls[i]);
  now = process.hrtime.bigint();
  if (n < latencies.length) latencies[n++] = Number(now - before);
}
const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
const timed = latencies.subarray(0, n).sort();
const at = q => timed[Math.min(n - 1, Math.floor(q * n))] / 1000;
process.stdout.write(JSON.stringify({
  version: cedar.getCedarVersion(),
  decisions,
  count: n,
  decisionsPerSecond: n / elapsed,
  p50Microseconds: at(0.5),
  p99Microseconds: at(0.99),
}));
