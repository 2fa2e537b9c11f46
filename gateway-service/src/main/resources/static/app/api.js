// The one way the app talks to the API (same origin, through the gateway).
//  - The access token lives in memory only (this module), never in localStorage/sessionStorage.
//  - The refresh token is an HttpOnly, SameSite=Strict cookie scoped to /v1/auth/refresh that this code
//    never sees (docs/adr/0006-web-app.md); a silent refresh runs before the access token expires, at
//    start-up (to restore a session after a reload) and once after a 401.
//  - Every error becomes an ApiError carrying the problem+json type/title/detail/errors (RFC 9457).
//  - A 401 that a refresh cannot cure means the session ended (logout elsewhere, revoked, disabled,
//    expired): listeners of 'session-ended' send the user to the login page with that message.

import { Permissions } from './permissions.js';

const PROBLEM_BASE = 'https://wayfarer.io/problems/';

export class ApiError extends Error {
  constructor(status, problem = {}) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.type = problem.type ?? 'about:blank';
    this.slug = this.type.startsWith(PROBLEM_BASE) ? this.type.slice(PROBLEM_BASE.length) : this.type;
    this.title = problem.title ?? defaultTitle(status);
    this.detail = problem.detail ?? null;
    this.errors = problem.errors ?? [];
    this.problem = problem;
  }
}

function defaultTitle(status) {
  if (status === 0) return 'Cannot reach Wayfarer';
  if (status === 429) return 'Too many requests';
  if (status >= 500) return 'Wayfarer is having trouble';
  return `Request failed (${status})`;
}

const listeners = new Map();
export function on(event, listener) {
  if (!listeners.has(event)) listeners.set(event, new Set());
  listeners.get(event).add(listener);
}
function emit(event, payload) {
  for (const listener of listeners.get(event) ?? []) {
    try { listener(payload); } catch (error) { console.error(error); } // one broken listener must not stop the others
  }
}

export const session = {
  token: null,
  user: null,
  permissions: new Permissions(),
  get loggedIn() { return this.token !== null; },
};

let refreshTimer = null;
let refreshing = null;

function accept(tokens) {
  session.token = tokens.accessToken;
  clearTimeout(refreshTimer);
  const seconds = Math.max(15, (tokens.expiresIn ?? 900) * 0.8);
  refreshTimer = setTimeout(() => refresh().catch(() => {}), seconds * 1000);
}

function forget() {
  localStorage.removeItem(SIGNED_IN_HINT);
  session.token = null;
  session.user = null;
  clearTimeout(refreshTimer);
}

async function send(method, path, { body, headers = {}, token = session.token } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, credentials: 'same-origin' };
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers['Content-Type'] ??= 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  try {
    return await fetch(path, init);
  } catch (networkError) {
    throw new ApiError(0, { title: 'Cannot reach Wayfarer', detail: 'Check your connection and try again.' });
  }
}

async function read(response) {
  if (response.status === 204 || response.status === 304) return null;
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) return response.json();
  return response.text();
}

async function failure(response) {
  let problem = {};
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try { problem = await response.json(); } catch { problem = {}; }
  }
  return new ApiError(response.status, problem);
}

/**
 * Calls the API. Returns the parsed body, or { body, response } with { raw: true }.
 * Throws ApiError. A 401 with a token is retried once after a silent refresh.
 */
export async function api(method, path, options = {}) {
  const hadToken = session.token !== null;
  let response = await send(method, path, options);
  if (response.status === 401 && hadToken && !options.noRetry) {
    const renewed = await refresh().then(() => true, () => false);
    if (!renewed) {
      const error = await failure(response);
      endSession(error);
      throw error;
    }
    response = await send(method, path, options);
  }
  if (!response.ok) throw await failure(response);
  const body = await read(response);
  return options.raw ? { body, response } : body;
}

export const get = (path, options) => api('GET', path, options);
export const post = (path, body, options = {}) => api('POST', path, { ...options, body: body ?? undefined });
export const put = (path, body, options = {}) => api('PUT', path, { ...options, body });
export const patch = (path, body, options = {}) =>
  api('PATCH', path, { ...options, body, headers: { 'Content-Type': 'application/merge-patch+json', ...(options.headers ?? {}) } });
export const del = (path, options) => api('DELETE', path, options);

/** Query string from an object, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

// --- the session ---

const COOKIE_MODE = { 'X-Refresh-Token-Transport': 'cookie' };

export async function login(account, password) {
  const response = await send('POST', '/v1/auth/login', { body: { account, password }, headers: COOKIE_MODE, token: null });
  if (!response.ok) throw await failure(response);
  await started(await response.json());
}

/** The one-time code a third-party login (WeChat, OIDC) lands with. */
export async function exchangeLoginCode(code) {
  const response = await send('POST', '/v1/auth/oauth2/exchange', { body: { code }, headers: COOKIE_MODE, token: null });
  if (!response.ok) throw await failure(response);
  await started(await response.json());
}

export async function register(fields) {
  const response = await send('POST', '/v1/auth/register', { body: fields, token: null });
  if (!response.ok) throw await failure(response);
}

/** Silent refresh with the HttpOnly cookie (at most one at a time). */
export function refresh() {
  refreshing ??= (async () => {
    try {
      const response = await send('POST', '/v1/auth/refresh', { headers: COOKIE_MODE, token: null });
      if (!response.ok) throw await failure(response);
      accept(await response.json());
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

// Not a secret: only a hint that a refresh cookie may exist, so anonymous visitors are not sent to a
// refresh that can only answer 401.
const SIGNED_IN_HINT = 'wayfarer.signedIn';

/** At start-up: a session survives a reload through the cookie. */
export async function restore() {
  if (localStorage.getItem(SIGNED_IN_HINT) === '1') {
    try {
      await refresh();
      await loadUser();
    } catch {
      forget();
    }
  }
  await loadPermissions();
}

async function started(tokens) {
  accept(tokens);
  localStorage.setItem(SIGNED_IN_HINT, '1');
  await loadUser();
  await loadPermissions();
  emit('session', session);
}

async function loadUser() {
  session.user = await get('/v1/users/me');
}

/** Re-reads what the user may do; emits 'permissions' when it changed (a grant took effect). */
export async function loadPermissions() {
  try {
    const next = new Permissions(await get('/v1/me/permissions'));
    const changed = !next.sameAs(session.permissions);
    session.permissions = next;
    if (changed) emit('permissions', next);
  } catch (error) {
    if (error.status !== 401) console.warn('permissions not refreshed', error.title);
  }
}

export async function logout() {
  try {
    if (session.token) await send('POST', '/v1/auth/logout', { token: session.token });
  } finally {
    forget();
    await loadPermissions();
    emit('session', session);
  }
}

/** The session is gone (revoked, logged out elsewhere, expired): tell the app once. */
export function endSession(error) {
  if (!session.loggedIn) return;
  forget();
  const message = error?.slug === 'session-revoked' && error.detail ? error.detail
    : 'Your session has ended — it was signed out, revoked by an administrator or expired. Please log in again.';
  emit('session-ended', message);
  loadPermissions();
}

export const can = (method, path) => session.permissions.can(method, path);
