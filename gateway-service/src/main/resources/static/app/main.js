// Wayfarer web app: start-up, navigation and the page routes.
import * as api from './api.js';
import { h, mount, loading, errorBox, notice } from './dom.js';
import { route, resolve, go, current } from './router.js';
import * as chat from './chat-state.js';
import { tripsPage } from './pages/trips.js';
import { tripPage } from './pages/trip.js';
import { loginPage, registerPage } from './pages/login.js';
import { ordersPage, orderPage } from './pages/orders.js';
import { conversationsPage, conversationPage } from './pages/chat.js';
import { staffHome, usersPage, rolesPage } from './pages/staff.js';
import { matrixPage } from './pages/matrix.js';
import { staffOrdersPage } from './pages/staff-orders.js';
import { catalogueAdminPage } from './pages/catalogue-admin.js';

const PERMISSION_POLL_MS = 4000;
const AWAITING_PAYMENT = 'wayfarer.awaitingPayment';

route('/', tripsPage);
route('/trips', tripsPage);
route('/trips/:id', tripPage);
route('/login', loginPage);
route('/register', registerPage);
route('/orders', ordersPage, { needsLogin: true });
route('/orders/:id', orderPage, { needsLogin: true });
route('/messages', conversationsPage, { needsLogin: true });
route('/inbox', ctx => conversationsPage({ ...ctx, inbox: true }), { needsLogin: true });
route('/messages/:id', conversationPage, { needsLogin: true });
route('/staff', staffHome, { needsLogin: true, live: true });
route('/staff/users', usersPage, { needsLogin: true });
route('/staff/roles', rolesPage, { needsLogin: true, live: true });
route('/staff/permissions', matrixPage, { needsLogin: true });
route('/staff/orders', staffOrdersPage, { needsLogin: true });
route('/staff/catalogue', catalogueAdminPage, { needsLogin: true });

const main = document.getElementById('main');
let renderCount = 0;
let leaving = [];

async function render() {
  const mine = ++renderCount;
  leaving.forEach(run => { try { run(); } catch (e) { console.warn(e); } });
  leaving = [];
  renderNav();
  const found = resolve();
  if (!found) {
    mount(main, h('h1', {}, 'Not found'), h('p', {}, 'There is no such page. ', h('a', { href: '#/' }, 'Browse trips')));
    return;
  }
  if (found.options.needsLogin && !api.session.loggedIn) {
    go('/login', { next: location.hash.slice(1) });
    return;
  }
  mount(main, loading());
  try {
    const view = await found.render({ params: found.params, query: found.query, onLeave: run => leaving.push(run) });
    if (mine === renderCount) mount(main, view);
  } catch (error) {
    if (mine === renderCount) mount(main, h('h1', {}, 'Could not load this page'), errorBox(error));
  }
  if (mine === renderCount && document.activeElement === document.body) main.focus({ preventScroll: true });
}

function navLink(path, text, extra) {
  const here = current().path;
  const active = here === path || (path !== '/' && here.startsWith(path + '/'));
  return h('a', { href: '#' + path, 'aria-current': active ? 'page' : null }, text, extra);
}

function renderNav() {
  const nav = document.getElementById('nav');
  const can = api.can;
  const s = api.session;
  const unread = chat.unreadTotal();
  const staff = can('GET', '/v1/users') || can('GET', '/v1/roles') || can('POST', '/v1/trips')
    || can('POST', '/v1/orders/x/refunds');
  mount(nav,
    navLink('/trips', 'Trips'),
    s.loggedIn && can('GET', '/v1/orders') ? navLink('/orders', 'My orders') : null,
    s.loggedIn && can('GET', '/v1/conversations') ? navLink('/messages', 'Messages ',
      h('span', { class: unread ? 'badge unread' : 'badge', 'aria-label': `${unread} unread`, id: 'unread-total' }, String(unread))) : null,
    s.loggedIn && s.permissions.hasRole('EXPERT') ? navLink('/inbox', 'Expert inbox') : null,
    s.loggedIn && staff ? navLink('/staff', 'Staff console') : null,
    s.loggedIn ? h('span', { class: 'who' }, s.user?.displayName ?? s.user?.account ?? '') : null,
    s.loggedIn
      ? h('button', { type: 'button', class: 'secondary', onclick: async () => { chat.stop(); await api.logout(); go('/trips'); } }, 'Log out')
      : navLink('/login', 'Log in'));
}

function wireMenu() {
  const toggle = document.querySelector('.menu-toggle');
  const nav = document.getElementById('nav');
  toggle.addEventListener('click', () => {
    const open = nav.classList.toggle('open');
    toggle.setAttribute('aria-expanded', String(open));
  });
  nav.addEventListener('click', event => {
    if (event.target.closest('a')) { nav.classList.remove('open'); toggle.setAttribute('aria-expanded', 'false'); }
  });
}

async function landFromThirdPartyLogin() {
  const search = new URLSearchParams(location.search);
  const code = search.get('login_code');
  const linked = search.get('linked');
  if (!code && !linked) return;
  history.replaceState(null, '', '/' + location.hash); // the one-time code leaves the address bar at once
  if (code) {
    try {
      await api.exchangeLoginCode(code);
      notice('You are logged in.');
    } catch (error) {
      notice(`${error.title}${error.detail ? ': ' + error.detail : ''}`, 'error');
    }
  } else {
    notice(`Your ${linked} login is now linked to this account.`);
  }
}

/** Live unread counts everywhere in the app for users who chat. */
function startChat() {
  if (api.session.loggedIn && api.can('POST', '/v1/chat/tickets')) {
    chat.chatClient();
    chat.refreshUnread();
  }
}

async function start() {
  wireMenu();
  api.on('session-ended', message => {
    notice(message, 'error');
    go('/login', { reason: 'session-ended' });
    chat.stop();
  });
  api.on('permissions', () => {
    renderNav();
    if (resolve()?.options.live) render();
  });
  api.on('session', () => { notice(null); renderNav(); startChat(); });
  chat.onUnread(() => renderNav());
  await landFromThirdPartyLogin();
  if (!api.session.loggedIn) await api.restore();
  startChat();
  const awaiting = sessionStorage.getItem(AWAITING_PAYMENT);
  if (awaiting && api.session.loggedIn && (current().path === '/' || current().path === '/trips')) {
    go(`/orders/${awaiting}`, { paying: '1' });
  }
  window.addEventListener('hashchange', render);
  await render();
  setInterval(() => { if (api.session.loggedIn && !document.hidden) api.loadPermissions(); }, PERMISSION_POLL_MS);
  window.addEventListener('focus', () => { if (api.session.loggedIn) api.loadPermissions(); });
}

start().catch(error => {
  console.error(error);
  mount(main, errorBox(error));
});
