// Trips, destinations and experts for the product administrators: list, create, edit (merge patch with
// If-Match, so a concurrent edit is refused instead of lost), publish and archive trips.
import * as api from '../api.js';
import { h, mount, errorBox, info, action, formValues } from '../dom.js';
import { go } from '../router.js';

const list = value => value ? value.split(',').map(s => s.trim()).filter(Boolean) : [];
const number = value => value === undefined ? null : Number(value);

const KINDS = {
  trips: {
    label: 'Trips', path: '/v1/trips', sort: 'created_at', title: t => t.title,
    columns: [['Status', t => t.status], ['Price', t => `${t.price} ${t.currency}`], ['Days', t => t.durationDays]],
    fields: [['title', 'Title', 'text', true], ['summary', 'Summary', 'text', true], ['description', 'Description', 'textarea'],
      ['destinationId', 'Destination id', 'number', true], ['expertId', 'Expert id', 'number'], ['price', 'Price (CNY)', 'number', true],
      ['durationDays', 'Days', 'number', true], ['tags', 'Tags (comma separated)', 'list'], ['coverImageUrl', 'Cover image URL', 'url'],
      ['status', 'Status', ['draft', 'published', 'archived'], true]],
    body: v => ({ title: v.title, summary: v.summary, description: v.description ?? null, destinationId: number(v.destinationId),
      expertId: number(v.expertId), price: number(v.price), currency: 'CNY', durationDays: number(v.durationDays),
      tags: list(v.tags), coverImageUrl: v.coverImageUrl ?? null, status: v.status ?? 'draft' }),
  },
  destinations: {
    label: 'Destinations', path: '/v1/destinations', sort: 'name', title: d => d.name,
    columns: [['Country', d => d.country], ['Region', d => d.region ?? '']],
    fields: [['name', 'Name', 'text', true], ['country', 'Country', 'text', true], ['region', 'Region', 'text'],
      ['description', 'Description', 'textarea'], ['tags', 'Tags (comma separated)', 'list']],
    body: v => ({ name: v.name, country: v.country, region: v.region ?? null, description: v.description ?? null, tags: list(v.tags) }),
  },
  experts: {
    label: 'Experts', path: '/v1/experts', sort: 'display_name', title: e => e.displayName,
    columns: [['Languages', e => (e.languages ?? []).join(', ')], ['Login linked', e => e.userId ? 'yes' : 'no']],
    fields: [['displayName', 'Name', 'text', true], ['bio', 'Bio', 'textarea'], ['languages', 'Languages (comma separated)', 'list'],
      ['specialties', 'Specialties (comma separated)', 'list'], ['userId', 'Login user id (auth-service)', 'text']],
    body: v => ({ displayName: v.displayName, bio: v.bio ?? null, languages: list(v.languages), specialties: list(v.specialties), userId: v.userId ?? null }),
  },
};

export async function catalogueAdminPage({ query }) {
  const kindName = KINDS[query.get('kind')] ? query.get('kind') : 'trips';
  const kind = KINDS[kindName];
  const q = query.get('q') ?? '';
  const status = query.get('status') ?? '';
  const listPath = kind.path + api.query({ q, status: kindName === 'trips' ? status : '', sortby: kind.sort,
    order: kindName === 'trips' ? 'desc' : 'asc', per_page: 25 });
  const editor = h('div', { id: 'editor' });
  const rows = h('tbody', {});
  // after a create, an edit or a status change the table is read again in place: the search and the
  // editor's "Saved" message stay
  const reload = async () => mount(rows, ((await api.get(listPath)).items ?? []).map(item => row(kind, kindName, item, editor, reload)));
  await reload();
  const search = h('form', { class: 'filters', role: 'search' },
    h('input', { type: 'hidden', name: 'kind', value: kindName }),
    h('label', {}, 'Search', h('input', { name: 'q', value: q })),
    kindName === 'trips' ? h('label', {}, 'Status', h('select', { name: 'status' },
      ['', 'draft', 'published', 'archived'].map(s => h('option', { value: s, selected: s === status }, s || 'Any')))) : null,
    h('button', { type: 'submit' }, 'Search'));
  search.addEventListener('submit', event => { event.preventDefault(); go('/staff/catalogue', formValues(search)); });
  return h('section', {},
    h('h1', {}, 'Catalogue'),
    h('div', { class: 'tabs' }, Object.entries(KINDS).map(([name, k]) =>
      h('a', { class: name === kindName ? 'button' : 'button secondary', href: `#/staff/catalogue?kind=${name}` }, k.label))),
    search,
    api.can('POST', kind.path) ? h('button', { type: 'button', onclick: () => mount(editor, editForm(kind, null, null, reload)) }, `New ${kind.label.toLowerCase().replace(/s$/, '')}`) : null,
    editor,
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Id'), h('th', {}, 'Name'), kind.columns.map(([t]) => h('th', {}, t)), h('th', {}, ''))),
      rows)));
}

function row(kind, kindName, item, editor, reload) {
  const errors = h('div');
  const edit = action(h('button', { type: 'button', class: 'secondary' }, 'Edit'), async () => {
    const { body, response } = await api.get(`${kind.path}/${item.id}`, { raw: true });
    mount(editor, editForm(kind, body, response.headers.get('ETag'), reload));
    editor.scrollIntoView({ block: 'nearest' });
  }, errors);
  const setStatus = to => action(h('button', { type: 'button', class: 'secondary' }, to === 'published' ? 'Publish' : 'Archive'), async () => {
    await api.patch(`${kind.path}/${item.id}`, { status: to });
    await reload();
  }, errors);
  const writable = api.can('PATCH', `${kind.path}/${item.id}`);
  return h('tr', {},
    h('td', {}, String(item.id)),
    h('td', {}, kindName === 'trips' ? h('a', { href: `#/trips/${item.id}` }, kind.title(item)) : kind.title(item)),
    kind.columns.map(([, value]) => h('td', {}, String(value(item) ?? ''))),
    h('td', {}, writable ? h('div', { class: 'row' }, edit,
      kindName === 'trips' && item.status !== 'published' ? setStatus('published') : null,
      kindName === 'trips' && item.status !== 'archived' ? setStatus('archived') : null) : null, errors));
}

function editForm(kind, item, etag, saved) {
  const slot = h('div');
  const form = h('form', { class: 'stack card', 'aria-label': item ? `Edit ${kind.title(item)}` : 'Create' },
    h('h2', {}, item ? `Edit ${kind.title(item)}` : `New ${kind.label.toLowerCase()}`),
    kind.fields.map(([name, label, type, required]) => h('label', {}, label, input(name, type, required, item?.[name]))),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, item ? 'Save' : 'Create'),
      h('button', { type: 'button', class: 'secondary', onclick: () => form.remove() }, 'Close')),
    slot);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const body = kind.body(formValues(form));
      const written = item
        ? await api.put(`${kind.path}/${item.id}`, body, { headers: etag ? { 'If-Match': etag } : {} })
        : await api.post(kind.path, body);
      mount(slot, info(`Saved (id ${written.id}).`));
      await saved();
    } catch (error) {
      mount(slot, errorBox(error.status === 412 ? { title: 'Changed meanwhile', detail: 'Someone else saved this first; reopen it to see their version.' } : error));
    }
  });
  return form;
}

function input(name, type, required, value) {
  if (Array.isArray(type)) {
    return h('select', { name, required }, type.map(option => h('option', { value: option, selected: option === value }, option)));
  }
  const text = Array.isArray(value) ? value.join(', ') : value ?? '';
  if (type === 'textarea') return h('textarea', { name, rows: 3 }, text);
  return h('input', { name, type: type === 'list' ? 'text' : type, required, value: text, step: type === 'number' ? 'any' : null });
}
