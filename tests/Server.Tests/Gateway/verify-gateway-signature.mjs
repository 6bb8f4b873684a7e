// Verifies a request the gateway signed, with npm http-message-signatures (RFC 9421), not with
// the platform's own code. Reads {"method", "url", "headers", "keys"} (keys: the JWK Set of
// GET /gateway/keys) on standard input; prints the verified parameters, or the error and exits 1.
import { createPublicKey } from 'node:crypto';
import { httpbis, createVerifier } from 'http-message-signatures';

const input = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.on('data', (chunk) => { text += chunk; });
  process.stdin.on('end', () => resolve(text));
}));

try {
  const verified = await httpbis.verifyMessage({
    async keyLookup(params) {
      const jwk = input.keys.keys.find((k) => k.kid === params.keyid);
      if (!jwk) return null;
      const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' });
      return { id: jwk.kid, algs: ['ecdsa-p256-sha256'], verify: createVerifier(key, 'ecdsa-p256-sha256') };
    },
    requiredParams: ['created', 'expires', 'keyid', 'alg', 'nonce'],
    tolerance: 30,
    requiredFields: ['@method', '@authority', '@path', '@query', 'x-securityplatform-principal', 'x-securityplatform-decision'],
  }, { method: input.method, url: input.url, headers: input.headers });
  if (verified !== true) {
    console.error('not verified: ' + JSON.stringify(verified));
    process.exit(1);
  }
  console.log('verified');
} catch (error) {
  console.error(String(error && error.stack || error));
  process.exit(1);
}
