// The one way pages call the platform: its own public JSON APIs on this origin, with the access
// token as a bearer token, so their authorization and audit apply unchanged. A refusal is thrown
// as an ApiError whose message is the RFC 7807 problem's detail (or title), ready to show.

/** A refused or failed call: status, the problem's code and a readable message. */
export class ApiError extends Error {
  constructor(status, problem, fallback) {
    super(problem?.detail || problem?.title || fallback);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem?.code ?? null;
    this.problem = problem ?? null;
  }
}

/**
 * An api(path, options) function for one signed-in person. options: method, body (an object is
 * sent as JSON), query (an object; empty values left out), accept ('json' default, 'text', 'bytes').
 * onUnauthorized is called on 401 (the token expired or was revoked).
 */
export function apiClient(token, onUnauthorized, t) {
  return async function api(path, options = {}) {
    const url = new URL(path, location.origin);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
    }
    const headers = { Authorization: `Bearer ${token()}` };
    let body = options.body;
    if (body !== undefined && !(typeof body === 'string') && !(body instanceof Uint8Array)) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(body);
    } else if (typeof body === 'string') {
      headers['Content-Type'] = options.contentType ?? 'text/plain; charset=utf-8';
    }
    let response;
    try {
      response = await fetch(url, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, credentials: 'omit', cache: 'no-store' });
    } catch (failure) {
      throw new ApiError(0, null, t('error-network', { reason: failure.message }));
    }
    if (!response.ok) {
      const type = response.headers.get('Content-Type') ?? '';
      const problem = type.includes('json') ? await response.json().catch(() => null) : null;
      if (response.status === 401) onUnauthorized?.();
      throw new ApiError(response.status, problem, t('error-status', { status: response.status }));
    }
    if (response.status === 204) return null;
    switch (options.accept ?? 'json') {
      case 'text': return response.text();
      case 'bytes': return new Uint8Array(await response.arrayBuffer());
      default: return response.json();
    }
  };
}
