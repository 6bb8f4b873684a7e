// The second half of a relying party on npm's openid-client and jose: the browser came back to
// the redirect URI; redeem the code (checking state, nonce and the ID token), verify the access
// and ID tokens against the provider's JWKS, read userinfo, refresh (the refresh token rotates),
// introspect and revoke, check that the spent refresh token is refused, and build the logout URL.
// Usage: node code-flow-finish.mjs <issuer> <client_id> <client_secret> <callback_url> <verifier> <state> <nonce> <post_logout_redirect_uri>
// Prints one JSON object with what each step saw.
import * as client from 'openid-client';
import * as jose from 'jose';

const [issuer, clientId, clientSecret, callbackUrl, verifier, state, nonce, postLogout] = process.argv.slice(2);
const config = await client.discovery(new URL(issuer), clientId, undefined, client.ClientSecretBasic(clientSecret));
const metadata = config.serverMetadata();
const jwks = jose.createRemoteJWKSet(new URL(metadata.jwks_uri));

const tokens = await client.authorizationCodeGrant(config, new URL(callbackUrl), {
  pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true,
});
const idClaims = tokens.claims();
const id = await jose.jwtVerify(tokens.id_token, jwks, { issuer: metadata.issuer, audience: clientId });
// RFC 9068 tokens say at+jwt; oidc-provider's opaque tokens are not JWTs at all.
let access = null;
let expired = null;
if (tokens.access_token.split('.').length === 3) {
  access = await jose.jwtVerify(tokens.access_token, jwks, { issuer: metadata.issuer });
  try {
    await jose.jwtVerify(tokens.access_token, jwks, { issuer: metadata.issuer, currentDate: new Date((access.payload.exp + 120) * 1000) });
    expired = 'accepted';
  } catch (error) {
    expired = error.code ?? String(error);
  }
}
const userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
const before = await client.tokenIntrospection(config, refreshed.access_token);
await client.tokenRevocation(config, refreshed.access_token);
const after = await client.tokenIntrospection(config, refreshed.access_token);
// A second use of the spent refresh token is refused, and takes the rotated one with it.
let reused = 'accepted';
try {
  await client.refreshTokenGrant(config, tokens.refresh_token);
} catch (error) {
  reused = error.error ?? error.code ?? String(error);
}
const rotatedAfterReuse = await client.tokenIntrospection(config, refreshed.refresh_token);
const logout = client.buildEndSessionUrl(config, { id_token_hint: refreshed.id_token ?? tokens.id_token, post_logout_redirect_uri: postLogout });
console.log(JSON.stringify({
  idToken: { header: id.protectedHeader, claims: id.payload },
  accessToken: access && { header: access.protectedHeader, claims: access.payload },
  expired,
  userinfo,
  refreshRotated: refreshed.refresh_token !== undefined && refreshed.refresh_token !== tokens.refresh_token,
  reused, rotatedActiveAfterReuse: rotatedAfterReuse.active,
  activeBefore: before.active, activeAfter: after.active,
  logout: logout.href,
}));
