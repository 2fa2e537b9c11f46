// Orders for the order administrators: filter, view (the order's own page), refund.
import * as api from '../api.js';
import { h, mount, money, dateTime, info, action, formValues } from '../dom.js';
import { go } from '../router.js';

export async function staffOrdersPage({ query }) {
  const filters = { status: query.get('status') ?? '', user_id: query.get('user_id') ?? '', trip_id: query.get('trip_id') ?? '' };
  const list = await api.get('/v1/orders' + api.query({ ...filters, sortby: 'created_at', order: 'desc', per_page: 50 }));
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter orders' },
    h('label', {}, 'Status', h('select', { name: 'status' },
      ['', 'CREATED', 'PAID', 'CLOSED', 'REFUNDED'].map(s => h('option', { value: s, selected: s === filters.status }, s || 'Any')))),
    h('label', {}, 'User id', h('input', { name: 'user_id', value: filters.user_id })),
    h('label', {}, 'Trip id', h('input', { name: 'trip_id', value: filters.trip_id, inputmode: 'numeric' })),
    h('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', event => { event.preventDefault(); go('/staff/orders', formValues(form)); });
  return h('section', {},
    h('h1', {}, 'Orders'), form,
    h('p', { class: 'meta' }, `${list.total ?? 0} orders`),
    h('div', { class: 'table-wrap' }, h('table', { id: 'staff-orders' },
      h('thead', {}, h('tr', {}, ['Order', 'Trip', 'User', 'Amount', 'Status', 'Booked', ''].map(t => h('th', {}, t)))),
      h('tbody', {}, (list.items ?? []).map(orderRow)))));
}

function orderRow(order) {
  const errors = h('div');
  const statusCell = h('td', { class: `status-${order.status}` }, order.status);
  const refund = action(h('button', { type: 'button', class: 'danger' }, 'Refund'), async () => {
    const reason = prompt('Reason for the refund (shown to the traveller):', '') ?? null;
    if (reason === null) return;
    await api.post(`/v1/orders/${order.id}/refunds`, { reason: reason || null });
    const updated = await api.get(`/v1/orders/${order.id}`);
    statusCell.textContent = updated.status;
    statusCell.className = `status-${updated.status}`;
    if (updated.status !== 'PAID') refund.remove(); // nothing left to refund
    mount(errors, info('Refunded.'));
  }, errors);
  return h('tr', {},
    h('td', {}, h('a', { href: `#/orders/${order.id}`, class: 'view-order', title: 'View this order' }, order.id.slice(0, 8))),
    h('td', {}, h('a', { href: `#/trips/${order.tripId}` }, order.tripTitle ?? `Trip ${order.tripId}`)),
    h('td', { class: 'meta' }, order.userId),
    h('td', {}, money(order.amount, order.currency)),
    statusCell,
    h('td', {}, dateTime(order.createdAt)),
    h('td', {}, order.status === 'PAID' && api.can('POST', `/v1/orders/${order.id}/refunds`) ? refund : null, errors));
}
