// Building the page: elements are made with h() and text is always set as text (textContent), never as
// HTML, so nothing a user or a server wrote (a chat message, a review, a trip title) can run as markup.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name === 'value') element.value = value;
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the content of an element. */
export function mount(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export function loading(text = 'Loading…') {
  return h('p', { class: 'loading', role: 'status' }, text);
}

/** An error box from an ApiError (problem+json title/detail and field errors) or any Error. */
export function errorBox(error) {
  const title = error?.title ?? 'Something went wrong';
  const detail = error?.detail ?? (error?.title ? null : error?.message);
  return h('div', { class: 'error', role: 'alert' },
    h('strong', {}, title),
    detail ? h('div', {}, detail) : null,
    error?.errors?.length ? h('ul', {}, error.errors.map(e => h('li', {}, `${e.field}: ${e.message}`))) : null);
}

export function info(text) {
  return h('div', { class: 'info', role: 'status' }, text);
}

export function money(amount, currency = 'CNY') {
  if (amount === null || amount === undefined) return '';
  const value = Number(amount);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

export function dateTime(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

export function stars(rating) {
  if (rating === null || rating === undefined) return '';
  const rounded = Math.round(Number(rating));
  return '★'.repeat(rounded) + '☆'.repeat(Math.max(0, 5 - rounded));
}

/** Reads a form's fields into an object (empty strings left out). */
export function formValues(form) {
  const values = {};
  for (const [name, value] of new FormData(form).entries()) {
    if (typeof value === 'string' && value.trim() !== '') values[name] = value.trim();
  }
  return values;
}

/** Runs an async action from a button: disabled while it runs, errors shown next to it. */
export function action(button, run, errorSlot) {
  button.addEventListener('click', async event => {
    event.preventDefault();
    button.disabled = true;
    errorSlot?.replaceChildren();
    try {
      await run();
    } catch (error) {
      if (errorSlot) errorSlot.replaceChildren(errorBox(error));
      else throw error;
    } finally {
      if (button.isConnected) button.disabled = false;
    }
  });
  return button;
}

export function notice(text, kind = 'info') {
  const slot = document.getElementById('notice');
  if (!slot) return;
  mount(slot, text ? h('div', { class: kind === 'error' ? 'error' : 'info', role: kind === 'error' ? 'alert' : 'status' }, text) : null);
}
