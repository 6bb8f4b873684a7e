// Sign-in with the platform's own identity provider: OpenID Connect authorization code flow with
// PKCE (S256), state and nonce, as the public client 'console'. The tokens live in this tab's
// sessionStorage only (gone when the tab closes) and travel only in the Authorization header of
// calls to this origin; no cookie of the console carries a credential.

import { fromBase64Url, toBase64Url, utf8 } from './base64.js';

const clientId = 'console';
const scope = 'openid profile roles';
const pendingKey = 'console.signin';
const sessionKey = 'console.session';
const redirectUri = () => `${location.origin}/console`;

let discovery;

async function metadata() {
  discovery ??= fetch('/.well-known/openid-configuration').then((response) => {
    if (!response.ok) throw new Error(`discovery answered ${response.status}`);
    return response.json();
  });
  return discovery;
}

function random(bytes = 32) {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The claims of a JWT, read without checking its signature: for display and navigation only; the server checks the token. */
export function claimsOf(jwt) {
  const payload = jwt.split('.')[1];
  return JSON.parse(utf8.decode(fromBase64Url(payload)));
}

const list = (value) => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

/** Sends the browser to the provider's login; it comes back to /console with a code. */
export async function signIn(route = location.hash) {
  const provider = await metadata();
  const verifier = random(32);
  const challenge = toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(verifier))));
  const pending = { verifier, state: random(16), nonce: random(16), route };
  sessionStorage.setItem(pendingKey, JSON.stringify(pending));
  const url = new URL(provider.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: clientId, redirect_uri: redirectUri(), response_type: 'code', scope,
    state: pending.state, nonce: pending.nonce, code_challenge: challenge, code_challenge_method: 'S256',
    ui_locales: document.documentElement.lang,
  }).toString();
  location.assign(url.toString());
}

/**
 * Finishes a sign-in when the provider sent the browser back (?code=&state= or ?error=): checks
 * the state against the one this tab sent, redeems the code with the PKCE verifier, checks the
 * identity token's issuer, audience and nonce. Returns the route to show, or null when this load
 * is no callback. Throws with a readable message when the answer is not this tab's sign-in.
 */
export async function completeSignIn() {
  const query = new URLSearchParams(location.search);
  if (!query.has('state') && !query.has('code') && !query.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(pendingKey) ?? 'null');
  sessionStorage.removeItem(pendingKey);
  history.replaceState(null, '', '/console');
  if (!pending || query.get('state') !== pending.state) {
    throw new Error('sign-in-state');
  }
  if (query.has('error')) {
    throw new Error(query.get('error_description') || query.get('error'));
  }
  const provider = await metadata();
  const response = await fetch(provider.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: query.get('code'), redirect_uri: redirectUri(), client_id: clientId, code_verifier: pending.verifier,
    }),
  });
  const tokens = await response.json();
  if (!response.ok) throw new Error(tokens.error_description || tokens.error || `token endpoint answered ${response.status}`);
  // Received straight from the token endpoint over TLS, the identity token needs no signature
  // check (OpenID Connect Core 3.1.3.7); its issuer, audience and nonce still must be this sign-in's.
  const id = claimsOf(tokens.id_token);
  if (id.iss !== provider.issuer || !list(id.aud).includes(clientId) || id.nonce !== pending.nonce) {
    throw new Error('sign-in-token');
  }
  const session = {
    accessToken: tokens.access_token,
    idToken: tokens.id_token,
    obtainedAt: Date.now(),
    expiresAt: Date.now() + (tokens.expires_in ?? 300) * 1000,
  };
  sessionStorage.setItem(sessionKey, JSON.stringify(session));
  return pending.route || '';
}

/** The signed-in person, or null: who they are and their roles as the access token says. */
export function currentUser() {
  const session = JSON.parse(sessionStorage.getItem(sessionKey) ?? 'null');
  if (!session) return null;
  const access = claimsOf(session.accessToken);
  const id = claimsOf(session.idToken);
  return {
    sub: access.sub,
    login: id.preferred_username ?? access.sub,
    name: id.name ?? id.preferred_username ?? access.sub,
    department: access.department ?? id.department ?? null,
    roles: list(access.role),
    amr: list(access.amr),
    expiresAt: session.expiresAt,
    obtainedAt: session.obtainedAt,
    accessToken: session.accessToken,
  };
}

/** Forgets the tokens here and ends the provider's session (RP-initiated logout), back to the console. */
export async function signOut() {
  const session = JSON.parse(sessionStorage.getItem(sessionKey) ?? 'null');
  sessionStorage.removeItem(sessionKey);
  const provider = await metadata();
  if (!provider.end_session_endpoint) {
    location.assign('/console');
    return;
  }
  const url = new URL(provider.end_session_endpoint);
  url.search = new URLSearchParams({
    client_id: clientId, post_logout_redirect_uri: redirectUri(), ...(session ? { id_token_hint: session.idToken } : {}),
  }).toString();
  location.assign(url.toString());
}

/** Forgets the tokens of this tab without leaving the page (an expired or refused token). */
export function forget() {
  sessionStorage.removeItem(sessionKey);
}
