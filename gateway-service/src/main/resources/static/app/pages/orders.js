// My orders, one order, paying with Alipay, cancelling an unpaid order. After the Alipay cashier the
// browser comes back (payment-service's return page, then here): the order is polled until PAID.
import * as api from '../api.js';
import { h, mount, money, dateTime, errorBox, info, action } from '../dom.js';

const AWAITING_PAYMENT = 'wayfarer.awaitingPayment';
const POLL_MS = 1500;
const POLL_FOR_MS = 90000;

export async function ordersPage({ query }) {
  const status = query.get('status') ?? '';
  const list = await api.get('/v1/orders' + api.query({ status, sortby: 'created_at', order: 'desc', per_page: 50 }));
  const items = list.items ?? [];
  return h('section', {},
    h('h1', {}, 'My orders'),
    h('div', { class: 'tabs' }, ['', 'CREATED', 'PAID', 'CLOSED', 'REFUNDED'].map(s =>
      h('a', { class: s === status ? 'button' : 'button secondary', href: s ? `#/orders?status=${s}` : '#/orders' }, s || 'All'))),
    items.length === 0 ? h('p', { class: 'empty' }, 'No orders yet.') : h('div', { class: 'table-wrap' }, h('table', { id: 'orders' },
      h('thead', {}, h('tr', {}, ['Trip', 'Travellers', 'Amount', 'Status', 'Booked'].map(t => h('th', {}, t)))),
      h('tbody', {}, items.map(o => h('tr', {},
        h('td', {}, h('a', { href: `#/orders/${o.id}` }, o.tripTitle ?? `Trip ${o.tripId}`)),
        h('td', {}, String(o.travellers)),
        h('td', {}, money(o.amount, o.currency)),
        h('td', { class: `status-${o.status}` }, o.status),
        h('td', {}, dateTime(o.createdAt))))))));
}

export async function orderPage({ params, query, onLeave }) {
  const id = params.id;
  let order = await api.get(`/v1/orders/${encodeURIComponent(id)}`);
  const status = h('strong', { id: 'order-status', class: `status-${order.status}` }, order.status);
  const waiting = h('div', { role: 'status', 'aria-live': 'polite' });
  const errors = h('div');
  const buttons = h('div', { class: 'row' });
  const view = h('section', {},
    h('h1', {}, 'Order'),
    h('div', { class: 'card' },
      h('p', {}, h('a', { href: `#/trips/${order.tripId}` }, order.tripTitle ?? `Trip ${order.tripId}`)),
      h('p', {}, 'Status: ', status),
      h('p', { class: 'meta' }, `${order.travellers} traveller(s) · ${money(order.amount, order.currency)}`),
      h('p', { class: 'meta' }, `Booked ${dateTime(order.createdAt)}`, order.expiresAt && order.status === 'CREATED' ? ` · pay before ${dateTime(order.expiresAt)}` : ''),
      buttons, waiting, errors));

  const show = next => {
    order = next;
    status.textContent = order.status;
    status.className = `status-${order.status}`;
    mount(buttons, actions(order));
  };
  const actions = o => {
    if (o.status !== 'CREATED') return [];
    const pay = action(h('button', { type: 'button', id: 'pay' }, 'Pay with Alipay'), async () => {
      const payment = await api.post(`/v1/orders/${o.id}/payments`, {});
      sessionStorage.setItem(AWAITING_PAYMENT, o.id);
      location.assign(payment.payUrl); // Alipay's cashier (the local stand-in in development)
    }, errors);
    const cancel = action(h('button', { type: 'button', class: 'danger', id: 'cancel' }, 'Cancel order'), async () => {
      if (!confirm('Cancel this order? Its seats are given back.')) return;
      show(await api.post(`/v1/orders/${o.id}/cancel`, {}));
    }, errors);
    return [api.can('POST', `/v1/orders/${o.id}/payments`) ? pay : null, cancel];
  };
  show(order);

  const returning = query.get('paying') === '1' || sessionStorage.getItem(AWAITING_PAYMENT) === order.id;
  if (returning && order.status === 'CREATED') {
    mount(waiting, info('Waiting for Alipay to confirm your payment…'));
    let stopped = false;
    onLeave(() => { stopped = true; });
    const started = Date.now();
    (async function poll() {
      while (!stopped && Date.now() - started < POLL_FOR_MS) {
        await new Promise(resolve => setTimeout(resolve, POLL_MS));
        if (stopped) return;
        try {
          // asks Alipay actively when the notice has not landed yet (docs/payments.md)
          const state = await api.get(`/v1/orders/${order.id}/payment-status`);
          if (state.status !== 'CREATED') {
            show(await api.get(`/v1/orders/${order.id}`));
            sessionStorage.removeItem(AWAITING_PAYMENT);
            mount(waiting, order.status === 'PAID' ? info('Payment received — have a wonderful trip!') : null);
            return;
          }
        } catch (error) {
          mount(errors, errorBox(error));
        }
      }
      if (!stopped) mount(waiting, info('Alipay has not confirmed the payment yet. Reload this page in a minute.'));
    })();
  } else if (order.status !== 'CREATED') {
    sessionStorage.removeItem(AWAITING_PAYMENT);
  }
  return view;
}
