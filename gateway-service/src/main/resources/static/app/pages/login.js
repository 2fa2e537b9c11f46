// Log in (password, WeChat, OpenID Connect) and register.
import * as api from '../api.js';
import { h, mount, errorBox, info, formValues } from '../dom.js';
import { go } from '../router.js';

export function loginPage({ query }) {
  if (api.session.loggedIn) { go('/trips'); return h('p', {}, 'You are logged in.'); }
  const slot = h('div', { id: 'login-error' });
  const form = h('form', { class: 'stack', 'aria-label': 'Log in' },
    h('label', {}, 'Account', h('input', { name: 'account', autocomplete: 'username', required: true, autofocus: true })),
    h('label', {}, 'Password', h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    h('button', { type: 'submit' }, 'Log in'), slot);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const { account, password } = formValues(form);
    try {
      await api.login(account ?? '', password ?? '');
      go(query.get('next') || '/trips');
    } catch (error) {
      mount(slot, errorBox(error));
    }
  });
  return h('section', {},
    h('h1', {}, 'Log in'),
    query.get('reason') === 'session-ended'
      ? h('p', { class: 'info', id: 'session-ended' }, 'Log in again to continue where you left off.') : null,
    form,
    thirdPartyLogins(),
    h('p', {}, 'New here? ', h('a', { href: '#/register' }, 'Create an account')));
}

/**
 * One button per provider auth-service has configured (GET /v1/auth/oauth2/providers: WeChat, OpenID Connect
 * issuers), each with the id login-<name>. When none is configured, or the list cannot be read, the password
 * form stands alone: no buttons, no error.
 */
function thirdPartyLogins() {
  const section = h('div', { id: 'third-party-login', hidden: true });
  api.get('/v1/auth/oauth2/providers', { token: null, noRetry: true }).then(answer => {
    const providers = answer?.items ?? [];
    if (providers.length === 0) return;
    mount(section, h('h2', {}, 'Or continue with'),
      h('div', { class: 'row' }, providers.map(provider =>
        // full page navigation: the provider's page, then back to / with a one-time ?login_code=
        h('a', { class: 'button secondary', href: `/v1/auth/oauth2/${encodeURIComponent(provider.name)}`,
          id: `login-${provider.name}` }, `Log in with ${provider.label}`))));
    section.hidden = false;
  }).catch(() => { /* no list, no buttons: password login still works */ });
  return section;
}

export function registerPage() {
  const slot = h('div');
  const form = h('form', { class: 'stack', 'aria-label': 'Create an account' },
    h('label', {}, 'Account (3–32 of a-z 0-9 . _ -)', h('input', { name: 'account', autocomplete: 'username', required: true, pattern: '[a-z0-9_.\\-]{3,32}' })),
    h('label', {}, 'Display name', h('input', { name: 'displayName', autocomplete: 'name', required: true })),
    h('label', {}, 'Email', h('input', { name: 'email', type: 'email', autocomplete: 'email', required: true })),
    h('label', {}, 'Password (at least 10 characters)', h('input', { name: 'password', type: 'password', autocomplete: 'new-password', required: true, minlength: 10 })),
    h('button', { type: 'submit' }, 'Create account'), slot);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const fields = formValues(form);
    try {
      await api.register(fields);
      await api.login(fields.account, fields.password);
      go('/trips');
    } catch (error) {
      mount(slot, errorBox(error));
    }
  });
  return h('section', {}, h('h1', {}, 'Create an account'), form,
    h('p', {}, 'Already have one? ', h('a', { href: '#/login' }, 'Log in')),
    info('Wayfarer keeps you signed in with a secure cookie only its login service can read.'));
}
