// A relying party on npm's openid-client and jose, run against the platform's provider and the reference:
// discovery, the client-credentials grant with client_secret_basic, verification of the access
// token against the provider's JWKS, introspection, revocation, introspection again.
// Usage: node client-credentials.mjs <issuer> <client_id> <client_secret> <scope>
// Prints one JSON object with what each step saw.
import * as client from 'openid-client';
import * as jose from 'jose';

const [issuer, clientId, clientSecret, scope] = process.argv.slice(2);
const config = await client.discovery(new URL(issuer), clientId, undefined, client.ClientSecretBasic(clientSecret));
const metadata = config.serverMetadata();
const tokens = await client.clientCredentialsGrant(config, { scope });
const jwks = jose.createRemoteJWKSet(new URL(metadata.jwks_uri));
// A JWT access token (RFC 9068) is verified against JWKS, and a copy signed with another key must
// fail; an opaque one (oidc-provider's default) can only be introspected.
let payload = null;
let protectedHeader = null;
let forged = null;
if (tokens.access_token.split('.').length === 3) {
  ({ payload, protectedHeader } = await jose.jwtVerify(tokens.access_token, jwks, { issuer: metadata.issuer, typ: 'at+jwt' }));
  forged = 'accepted';
  try {
    const [header, body] = tokens.access_token.split('.');
    const other = await jose.generateKeyPair(protectedHeader.alg === 'EdDSA' ? 'Ed25519' : protectedHeader.alg);
    const resigned = await new jose.CompactSign(jose.base64url.decode(body)).setProtectedHeader(JSON.parse(new TextDecoder().decode(jose.base64url.decode(header)))).sign(other.privateKey);
    await jose.jwtVerify(resigned, jwks, { issuer: metadata.issuer, typ: 'at+jwt' });
  } catch (error) {
    forged = error.code ?? String(error);
  }
}
const before = await client.tokenIntrospection(config, tokens.access_token);
await client.tokenRevocation(config, tokens.access_token);
const after = await client.tokenIntrospection(config, tokens.access_token);
console.log(JSON.stringify({
  issuer: metadata.issuer, tokenType: tokens.token_type, expiresIn: tokens.expires_in,
  header: protectedHeader, claims: payload, activeBefore: before.active, clientIdBefore: before.client_id, activeAfter: after.active, forged,
}));
