// "For you" (GET /v1/recommendations) and "Similar trips" (GET /v1/recommendations/similar-trips):
// a strip that fills in by itself and never breaks the page around it — empty and error states are shown
// in place (recommend-service may be down or have no model yet).
import * as api from '../api.js';
import { h, mount, money } from '../dom.js';

export function recommendationStrip(title, path) {
  const body = h('div', { class: 'grid' }, h('p', { class: 'loading' }, 'Finding trips for you…'));
  const section = h('section', { class: 'recommendations', 'aria-label': title }, h('h2', {}, title), body);
  api.get(path).then(answer => {
    const items = answer?.items ?? [];
    if (items.length === 0) {
      mount(body, h('p', { class: 'empty' }, 'No suggestions yet — browse and favourite a few trips.'));
      return;
    }
    mount(body, items.map(item => h('article', { class: 'card trip-card' },
      item.trip.coverImageUrl ? h('img', { src: item.trip.coverImageUrl, alt: '', loading: 'lazy' }) : null,
      h('h3', {}, h('a', { href: `#/trips/${item.trip.id}` }, item.trip.title)),
      h('p', { class: 'meta' }, money(item.trip.price, item.trip.currency)),
      item.explanation ? h('p', { class: 'meta' }, item.explanation) : null)));
  }).catch(error => {
    mount(body, h('p', { class: 'empty' }, `Suggestions are not available right now (${error.title}).`));
  });
  return section;
}
