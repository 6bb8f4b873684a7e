// The reference: npm oidc-provider serving the same client-credentials flow as the platform
// (tls_client_auth, certificate-bound ES256 JWT access tokens, introspection), on HTTPS with
// keep-alive, as a node cluster of one worker per core so that it may use the cores the
// platform uses. Started by Identity.Load, which made the certificates:
//
//   node oidc-provider-server.mjs <directory with ca.pem, server.pem, server.key, client.pem> <workers>
//
// When every worker listens, the primary prints one JSON line:
//   {"port": 12345, "pids": [..workers..], "introspectionToken": "..."}
// oidc-provider cannot introspect JWT access tokens, and each worker keeps its own in-memory
// store, so every worker saves the same opaque client-credentials token (one id, bound to the
// client certificate like the JWTs) and the introspection load asks about that one.
import cluster from 'node:cluster';
import { X509Certificate, generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import Provider from 'oidc-provider';

const [directory, workersArgument] = process.argv.slice(2);
if (!directory) {
  console.error('usage: node oidc-provider-server.mjs <certificate directory> [workers]');
  process.exit(2);
}
const workers = Number(workersArgument ?? 2);
const read = (name) => readFileSync(path.join(directory, name), 'utf8');
const clientId = 'exchange-hub';
const scope = 'exchange.write';
const audience = 'https://exchange.city.example';

if (cluster.isPrimary) {
  // One signing key and one introspection token for all workers, as one provider would have.
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...privateKey.export({ format: 'jwk' }), alg: 'ES256', use: 'sig', kid: 'bench' };
  const env = {
    BENCH_JWK: JSON.stringify(jwk),
    BENCH_TOKEN: randomBytes(32).toString('base64url'),
  };
  const ready = new Map();
  let port;
  for (let i = 0; i < workers; i += 1) {
    const worker = cluster.fork(env);
    worker.on('message', (message) => {
      if (message?.ready) {
        ready.set(worker.id, worker.process.pid);
        port = message.port;
        if (ready.size === workers) {
          console.log(JSON.stringify({ port, pids: [...ready.values()], introspectionToken: env.BENCH_TOKEN }));
        }
      }
    });
  }
  cluster.on('exit', (worker, code) => {
    console.error(`worker ${worker.process.pid} exited with ${code}`);
    process.exit(1);
  });
} else {
  const caPem = read('ca.pem');
  const ca = new X509Certificate(caPem);
  const clientPem = read('client.pem');
  const subjectDn = new X509Certificate(clientPem).subject.split('\n').reverse().join(',');

  const peerPem = (ctx) => {
    const raw = ctx.socket.getPeerCertificate()?.raw;
    if (!raw) return undefined;
    return `-----BEGIN CERTIFICATE-----\n${raw.toString('base64').match(/.{1,64}/g).join('\n')}\n-----END CERTIFICATE-----\n`;
  };
  // Names are compared attribute by attribute, without regard to order or case of the attribute type.
  const attributes = (dn) => dn.split(/,(?=\s*[A-Za-z0-9.]+=)/).map((part) => {
    const [type, ...value] = part.split('=');
    return `${type.trim().toUpperCase()}=${value.join('=').trim()}`;
  }).sort().join(',');

  const provider = new Provider('https://127.0.0.1', {
    clients: [{
      client_id: clientId,
      token_endpoint_auth_method: 'tls_client_auth',
      tls_client_auth_subject_dn: subjectDn,
      grant_types: ['client_credentials'],
      id_token_signed_response_alg: 'ES256',
      tls_client_certificate_bound_access_tokens: true,
      response_types: [],
      redirect_uris: [],
      scope,
    }],
    jwks: { keys: [JSON.parse(process.env.BENCH_JWK)] },
    scopes: [scope],
    clientAuthMethods: ['tls_client_auth'],
    ttl: { ClientCredentials: 3600 },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      mTLS: {
        enabled: true,
        tlsClientAuth: true,
        certificateBoundAccessTokens: true,
        getCertificate: peerPem,
        // The TLS layer verified the chain against the test CA (socket.authorized); the issuer is checked again here.
        certificateAuthorized: (ctx) => ctx.socket.authorized === true
          && new X509Certificate(ctx.socket.getPeerCertificate().raw).checkIssued(ca),
        certificateSubjectMatches: (ctx, property, expected) => property === 'tls_client_auth_subject_dn'
          && attributes(new X509Certificate(ctx.socket.getPeerCertificate().raw).subject.split('\n').join(',')) === attributes(expected),
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope,
          audience,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
  });

  const client = await provider.Client.find(clientId);
  const saved = new provider.ClientCredentials({
    client, scope, jti: process.env.BENCH_TOKEN,
  });
  saved.format = 'opaque';
  saved.setThumbprint('x5t', clientPem);
  await saved.save();

  const server = https.createServer({
    key: read('server.key'),
    cert: read('server.pem'),
    ca: caPem,
    requestCert: true,
    rejectUnauthorized: false,
    keepAliveTimeout: 60_000,
  }, provider.callback());
  const port = Number(process.env.BENCH_PORT ?? 0);
  server.listen(port, '127.0.0.1', () => process.send({ ready: true, port: server.address().port }));
}
