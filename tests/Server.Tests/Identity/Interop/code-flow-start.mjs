// The first half of a relying party on npm's openid-client: discovery, then the authorization
// URL of the code flow with PKCE (S256), state and nonce, for a browser to open.
// Usage: node code-flow-start.mjs <issuer> <client_id> <client_secret> <redirect_uri> <scope>
// Prints one JSON object: the URL and what the second half needs to check the answer.
import * as client from 'openid-client';

const [issuer, clientId, clientSecret, redirectUri, scope] = process.argv.slice(2);
const config = await client.discovery(new URL(issuer), clientId, undefined, client.ClientSecretBasic(clientSecret));
const verifier = client.randomPKCECodeVerifier();
const state = client.randomState();
const nonce = client.randomNonce();
const url = client.buildAuthorizationUrl(config, {
  redirect_uri: redirectUri, scope, state, nonce,
  code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
});
console.log(JSON.stringify({ url: url.href, verifier, state, nonce }));
