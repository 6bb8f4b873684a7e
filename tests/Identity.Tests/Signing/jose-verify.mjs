// Verifies a compact JWS against a JWK with the jose library and prints the verified header and payload.
// Input file: {"jwk": {...}, "jws": "..."}; exit status 0 only when the signature verifies.
import { readFileSync } from 'node:fs';
import { importJWK, compactVerify } from 'jose';

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
try {
  const key = await importJWK(input.jwk, input.jwk.alg);
  const { payload, protectedHeader } = await compactVerify(input.jws, key, { algorithms: [input.jwk.alg] });
  console.log(JSON.stringify({ verified: true, header: protectedHeader, payload: new TextDecoder().decode(payload) }));
} catch (e) {
  console.log(JSON.stringify({ verified: false, error: String(e) }));
  process.exit(1);
}
