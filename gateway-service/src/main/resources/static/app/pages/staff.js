// Staff console: the sections this user's permissions allow (GET /v1/me/permissions), users with their
// sessions (disable/enable, kick), and the roles list. Buttons for what is not allowed stay visible but
// disabled, and come alive as soon as a grant reaches the user's session (no new login).
import * as api from '../api.js';
import { h, mount, dateTime, errorBox, info, action, formValues } from '../dom.js';
import { go } from '../router.js';

const SECTIONS = [
  { path: '/staff/users', label: 'Users', method: 'GET', api: '/v1/users', id: 'staff-users' },
  { path: '/staff/roles', label: 'Roles', method: 'GET', api: '/v1/roles', id: 'staff-roles' },
  { path: '/staff/permissions', label: 'Permission matrix', method: 'PUT', api: '/v1/roles/1/resources', id: 'staff-matrix' },
  { path: '/staff/orders', label: 'Orders', method: 'POST', api: '/v1/orders/x/refunds', id: 'staff-orders' },
  { path: '/staff/catalogue', label: 'Trips, destinations, experts', method: 'POST', api: '/v1/trips', id: 'staff-catalogue' },
];

export function staffHome() {
  return h('section', {},
    h('h1', {}, 'Staff console'),
    h('p', { class: 'meta' }, `Your roles: ${api.session.permissions.roles.filter(r => r !== 'ANONYMOUS').join(', ') || 'none'}`),
    h('div', { class: 'tabs' }, SECTIONS.map(section => {
      const allowed = api.can(section.method, section.api);
      return h('button', { type: 'button', id: section.id, class: allowed ? '' : 'secondary', disabled: !allowed,
        title: allowed ? null : 'Your roles do not include this yet', onclick: () => go(section.path) },
        section.label, allowed ? '' : ' (not permitted)');
    })));
}

export async function usersPage({ query }) {
  const filters = { account: query.get('account') ?? '', email: query.get('email') ?? '', enabled: query.get('enabled') ?? '' };
  const list = await api.get('/v1/users' + api.query({ ...filters, sortby: 'account', per_page: 50 }));
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Find users' },
    h('label', {}, 'Account', h('input', { name: 'account', value: filters.account })),
    h('label', {}, 'Email', h('input', { name: 'email', value: filters.email })),
    h('label', {}, 'Enabled', h('select', { name: 'enabled' },
      [['', 'Any'], ['true', 'Enabled'], ['false', 'Disabled']].map(([v, t]) => h('option', { value: v, selected: v === filters.enabled }, t)))),
    h('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', event => { event.preventDefault(); go('/staff/users', formValues(form)); });
  const detail = h('div', { id: 'user-detail' });
  return h('section', {},
    h('h1', {}, 'Users'), form,
    h('div', { class: 'table-wrap' }, h('table', { id: 'users' },
      h('thead', {}, h('tr', {}, ['Account', 'Name', 'Email', 'Enabled', 'Last login', ''].map(t => h('th', {}, t)))),
      h('tbody', {}, (list.items ?? []).map(user => userRow(user, detail))))),
    detail);
}

function userRow(user, detail) {
  const errors = h('div');
  const toggle = action(h('button', { type: 'button', class: user.enabled ? 'danger' : '' }, user.enabled ? 'Disable' : 'Enable'), async () => {
    const updated = await api.patch(`/v1/users/${user.id}`, { enabled: !user.enabled });
    Object.assign(user, updated);
    toggle.textContent = user.enabled ? 'Disable' : 'Enable';
    toggle.className = user.enabled ? 'danger' : '';
    enabledCell.textContent = user.enabled ? 'yes' : 'no';
  }, errors);
  const enabledCell = h('td', {}, user.enabled ? 'yes' : 'no');
  const sessions = action(h('button', { type: 'button', class: 'secondary', dataset: { account: user.account } }, 'Sessions & roles'),
    () => showUser(user, detail), errors);
  return h('tr', {},
    h('td', {}, user.account), h('td', {}, user.displayName), h('td', {}, user.email ?? ''), enabledCell,
    h('td', {}, dateTime(user.lastLoginAt)),
    h('td', {}, h('div', { class: 'row' }, api.can('PATCH', `/v1/users/${user.id}`) ? toggle : null, sessions), errors));
}

async function showUser(user, detail) {
  const [sessions, roles, allRoles] = await Promise.all([
    api.get(`/v1/users/${user.id}/sessions`),
    api.can('GET', `/v1/users/${user.id}/roles`) ? api.get(`/v1/users/${user.id}/roles`) : null,
    api.can('GET', '/v1/roles') ? api.get('/v1/roles?per_page=100') : null,
  ]);
  const errors = h('div');
  const list = h('ul', { id: 'sessions' });
  const renderSessions = items => mount(list, items.length === 0 ? h('li', { class: 'empty' }, 'No live session.') : items.map(s => h('li', {},
    `Since ${dateTime(s.createdAt)}, last seen ${dateTime(s.lastSeenAt)} `,
    action(h('button', { type: 'button', class: 'danger kick' }, 'End session'), async () => {
      await api.del(`/v1/sessions/${s.sessionId}`);
      renderSessions(await api.get(`/v1/users/${user.id}/sessions`));
    }, errors))));
  renderSessions(sessions);
  mount(detail, h('div', { class: 'card' },
    h('h2', {}, `${user.displayName} (${user.account})`),
    h('h3', {}, 'Live sessions'), list,
    roles && allRoles ? roleEditor(user, roles, allRoles.items ?? [], errors) : null,
    errors));
  detail.scrollIntoView({ block: 'nearest' });
}

function roleEditor(user, current, allRoles, errors) {
  const boxes = allRoles.filter(r => r.code !== 'ANONYMOUS').map(r =>
    h('label', { class: 'inline' }, h('input', { type: 'checkbox', value: r.code, checked: current.roles.includes(r.code) }), r.code));
  const save = action(h('button', { type: 'button' }, 'Save roles'), async () => {
    const roles = boxes.map(label => label.querySelector('input')).filter(box => box.checked).map(box => box.value);
    await api.put(`/v1/users/${user.id}/roles`, { roles });
    mount(errors, info('Roles saved; they apply to the user\'s live sessions at once.'));
  }, errors);
  return h('div', {}, h('h3', {}, 'Roles'), h('div', { class: 'row' }, boxes), save);
}

export async function rolesPage() {
  const roles = await api.get('/v1/roles?per_page=100&sortby=code');
  return h('section', {},
    h('h1', {}, 'Roles'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'roles' },
      h('thead', {}, h('tr', {}, ['Code', 'Name', 'Built in', 'Description'].map(t => h('th', {}, t)))),
      h('tbody', {}, (roles.items ?? []).map(r => h('tr', {},
        h('td', {}, r.code), h('td', {}, r.name ?? ''), h('td', {}, r.builtIn ? 'yes' : 'no'), h('td', {}, r.description ?? '')))))));
}

