// npm's oidc-provider (panva's certified OpenID Provider) as the reference the platform's
// provider is compared with: the same relying-party programs run against both. Serves HTTPS on
// 127.0.0.1 with the given certificate, one confidential client (client_secret_basic) allowed the
// code flow with PKCE (S256), refresh tokens (rotated), client credentials, introspection,
// revocation and RP-initiated logout, and its development login and consent pages (any login and
// password sign in). Access tokens are its default opaque ones; ID tokens are JWTs signed with a
// key made at start.
// Usage: node reference-provider.mjs <cert.pem> <key.pem> <client_id> <client_secret> <redirect_uri> <post_logout_redirect_uri> <scope>
// Prints "listening <issuer>" once it serves.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const [certFile, keyFile, clientId, clientSecret, redirectUri, postLogoutUri, resourceScope] = process.argv.slice(2);
const signing = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
const server = createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) });
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `https://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId, client_secret: clientSecret, token_endpoint_auth_method: 'client_secret_basic',
    redirect_uris: [redirectUri], post_logout_redirect_uris: [postLogoutUri], response_types: ['code'],
    grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    scope: `openid profile offline_access ${resourceScope}`,
  }],
  jwks: { keys: [{ ...signing, kid: 'reference-1', use: 'sig', alg: 'RS256' }] },
  scopes: ['openid', 'profile', 'offline_access', resourceScope],
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
  findAccount: async (ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, name: id, preferred_username: id }) }),
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    revocation: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  pkce: { required: () => true },
  // As the platform does: a refresh token for every code flow of a client allowed the grant, rotated at each use.
  issueRefreshToken: async (ctx, client) => client.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: true,
});
server.on('request', provider.callback());
console.log(`listening ${issuer}`);
