// A small hash router: #/trips?destination_id=3&sortby=price is a shareable URL; the part after '?'
// maps one to one onto the API's query parameters.

const routes = [];

/** pattern like '/trips/:id'; render(context) returns a Node or a Promise of one. */
export function route(pattern, render, options = {}) {
  const names = [];
  const regex = new RegExp('^' + pattern.replace(/:(\w+)/g, (_, name) => { names.push(name); return '([^/]+)'; }) + '$');
  routes.push({ regex, names, render, options });
}

export function current() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, search = ''] = hash.split('?');
  return { path, query: new URLSearchParams(search) };
}

export function resolve() {
  const { path, query } = current();
  for (const candidate of routes) {
    const match = candidate.regex.exec(path);
    if (match) {
      const params = {};
      candidate.names.forEach((name, i) => { params[name] = decodeURIComponent(match[i + 1]); });
      return { ...candidate, path, params, query };
    }
  }
  return null;
}

export function go(path, query) {
  const search = query ? new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '' && v != null)).toString() : '';
  const target = '#' + path + (search ? `?${search}` : '');
  if (location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = target;
}

export function link(path, query) {
  const search = query ? new URLSearchParams(query).toString() : '';
  return '#' + path + (search ? `?${search}` : '');
}
