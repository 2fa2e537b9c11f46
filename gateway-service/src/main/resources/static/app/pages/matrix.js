// The permission matrix: resources (grouped by the six categories and any added ones) × roles. Ticking a
// cell replaces that role's grant set (PUT /v1/roles/{id}/resources, If-Match the version read), which
// rbac-service turns into a new policy version that every gateway applies within a second.
import * as api from '../api.js';
import { h, mount, errorBox, info } from '../dom.js';

async function allPages(path) {
  const items = [];
  for (let page = 1; ; page++) {
    const answer = await api.get(`${path}${path.includes('?') ? '&' : '?'}page=${page}&per_page=100`);
    items.push(...(answer.items ?? []));
    if (items.length >= (answer.total ?? 0) || (answer.items ?? []).length === 0) return items;
  }
}

export async function matrixPage({ query }) {
  const category = query.get('category') ?? '';
  const [roles, categories, resources] = await Promise.all([
    allPages('/v1/roles?sortby=id'),
    api.get('/v1/resource-categories').then(a => a.items ?? a),
    allPages('/v1/resources?sortby=pattern' + (category ? `&category=${encodeURIComponent(category)}` : '')),
  ]);
  const grants = new Map();
  await Promise.all(roles.map(async role => {
    const { body, response } = await api.get(`/v1/roles/${role.id}/resources`, { raw: true });
    grants.set(role.id, { ids: new Set(body.resourceIds ?? []), all: body.allResources, etag: response.headers.get('ETag') });
  }));
  const status = h('div', { role: 'status', 'aria-live': 'polite', id: 'matrix-status' });
  const editable = role => !grants.get(role.id).all && api.can('PUT', `/v1/roles/${role.id}/resources`);

  const toggle = async (role, resource, box) => {
    const grant = grants.get(role.id);
    const next = new Set(grant.ids);
    if (box.checked) next.add(resource.id); else next.delete(resource.id);
    box.disabled = true;
    try {
      const { body, response } = await api.put(`/v1/roles/${role.id}/resources`, { resourceIds: [...next] },
        { raw: true, headers: grant.etag ? { 'If-Match': grant.etag } : {} });
      grants.set(role.id, { ids: new Set(body.resourceIds ?? []), all: body.allResources, etag: response.headers.get('ETag') });
      mount(status, info(`${role.code} ${box.checked ? 'may now' : 'may no longer'} call ${resource.method} ${resource.pattern}. In force at once.`));
    } catch (error) {
      box.checked = !box.checked;
      mount(status, errorBox(error.status === 412
        ? { title: 'Someone else changed this role', detail: 'Reload the matrix to see the current grants.' } : error));
    } finally {
      box.disabled = !editable(role);
    }
  };

  const sorted = [...categories].sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0));
  const known = new Set(sorted.map(c => c.code));
  const groups = [...sorted.map(c => ({ code: c.code, name: c.name })),
    ...[...new Set(resources.map(r => r.category))].filter(code => !known.has(code)).map(code => ({ code, name: code }))];
  const body = h('tbody', {});
  for (const group of groups) {
    const rows = resources.filter(r => r.category === group.code);
    if (rows.length === 0) continue;
    body.append(h('tr', { class: 'category' }, h('th', { colspan: roles.length + 1, scope: 'rowgroup' }, `${group.name} (${rows.length})`)));
    for (const resource of rows) {
      body.append(h('tr', {},
        h('th', { scope: 'row' }, h('div', {}, resource.name), h('code', { class: 'meta' }, `${resource.method} ${resource.pattern}`)),
        roles.map(role => {
          const grant = grants.get(role.id);
          const box = h('input', { type: 'checkbox', checked: grant.all || grant.ids.has(resource.id), disabled: !editable(role),
            'aria-label': `${role.code}: ${resource.method} ${resource.pattern}` });
          box.addEventListener('change', () => toggle(role, resource, box));
          return h('td', { class: 'cell' }, box);
        })));
    }
  }
  return h('section', {},
    h('h1', {}, 'Permission matrix'),
    h('p', { class: 'meta' }, 'Each row is one route and method; tick a role to grant it. Changes apply to everyone at once, without new logins.'),
    h('div', { class: 'tabs' },
      h('a', { class: category ? 'button secondary' : 'button', href: '#/staff/permissions' }, 'All'),
      groups.map(g => h('a', { class: category === g.code ? 'button' : 'button secondary', href: `#/staff/permissions?category=${encodeURIComponent(g.code)}` }, g.name))),
    status,
    h('div', { class: 'table-wrap' }, h('table', { class: 'matrix', id: 'matrix' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Resource'), roles.map(r => h('th', { class: 'role', scope: 'col' }, r.code)))),
      body)));
}
