// Runs the console's in-browser Merkle checks (lib/audit/merkle.js, WebCrypto) against the
// transparency-dev/merkle RFC 6962 vectors: every happy path must pass, every tampered one fail.
// Usage: node merkle-vectors.mjs <console wwwroot> <testdata/merkle/testdata>; prints one JSON line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [wwwroot, vectors] = process.argv.slice(2);
const merkle = await import(pathToFileURL(join(wwwroot, 'lib/audit/merkle.js')));
const b64 = (s) => new Uint8Array(Buffer.from(s, 'base64'));
const equal = (a, b) => a && b && a.length === b.length && a.every((x, i) => x === b[i]);

function* files(folder) {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (name.endsWith('.json')) yield path;
  }
}

const wrong = [];
let count = 0;
for (const path of files(join(vectors, 'inclusion'))) {
  const v = JSON.parse(readFileSync(path, 'utf8'));
  const root = v.treeSize > 0 ? await merkle.rootFromInclusionProof(v.leafIdx, v.treeSize, b64(v.leafHash), (v.proof ?? []).map(b64)) : null;
  const ok = equal(root, b64(v.root));
  count += 1;
  if (ok === v.wantErr) wrong.push(path);
}
for (const path of files(join(vectors, 'consistency'))) {
  const v = JSON.parse(readFileSync(path, 'utf8'));
  const ok = await merkle.verifyConsistency(v.size1, v.size2, b64(v.root1 ?? ''), b64(v.root2 ?? ''), (v.proof ?? []).map(b64));
  count += 1;
  if (ok === v.wantErr) wrong.push(path);
}
console.log(JSON.stringify({ count, wrong }));
