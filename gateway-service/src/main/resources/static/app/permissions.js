// What the signed-in user may call, from GET /v1/me/permissions, matched like the gateway's policy
// (docs/rbac.md "Path patterns"): literal segments, {var} = one segment, a final ** = zero or more.
// The UI only hides or disables what is not allowed; the gateway and the services still decide.

export class Permissions {
  constructor(body = { roles: [], policyVersion: -1, permissions: [] }) {
    this.roles = body.roles ?? [];
    this.version = body.policyVersion ?? -1;
    this.rules = (body.permissions ?? []).map(p => ({ method: p.method, segments: split(p.pattern) }));
  }

  /** May the user call method on path (a concrete path such as /v1/orders/42/cancel)? */
  can(method, path) {
    const wanted = split(path.split('?')[0]);
    return this.rules.some(rule => (rule.method === method || rule.method === 'ANY') && matches(rule.segments, wanted));
  }

  hasRole(role) {
    return this.roles.includes(role);
  }

  /** Same roles and policy version: nothing to re-render. */
  sameAs(other) {
    return other && other.version === this.version && other.roles.join() === this.roles.join()
      && other.rules.length === this.rules.length;
  }
}

function split(path) {
  return path === '/' ? [] : path.replace(/^\//, '').split('/');
}

function matches(pattern, path) {
  for (let i = 0; i < pattern.length; i++) {
    const segment = pattern[i];
    if (segment === '**' && i === pattern.length - 1) return true;
    if (i >= path.length) return false;
    if (segment.startsWith('{') && segment.endsWith('}')) {
      if (path[i] === '') return false;
      continue;
    }
    if (segment !== path[i]) return false;
  }
  return pattern.length === path.length;
}
