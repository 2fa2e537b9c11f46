// Browse trips: the filter form, sorting and paging are the query of the URL (#/trips?…), which is
// passed to GET /v1/trips unchanged, so every view of the list is a shareable link.
import * as api from '../api.js';
import { h, money, stars, formValues, errorBox } from '../dom.js';
import { go, link } from '../router.js';
import { recommendationStrip } from './recommendations.js';

const FILTERS = ['q', 'destination_id', 'tag', 'price_min', 'price_max', 'departs_after', 'expert_id'];
const SORTS = [['created_at', 'Newest'], ['price', 'Price'], ['rating', 'Rating'], ['duration_days', 'Duration'], ['title', 'Title']];
const PER_PAGE = 12;

export async function tripsPage({ query }) {
  const params = Object.fromEntries(query.entries());
  const page = Math.max(1, Number(params.page ?? 1) || 1);
  const perPage = Math.min(100, Math.max(1, Number(params.per_page ?? PER_PAGE) || PER_PAGE));
  const apiQuery = { ...pick(params, [...FILTERS, 'sortby', 'order']), page, per_page: perPage };
  const [list, destinations] = await Promise.all([
    api.get('/v1/trips' + api.query(apiQuery)).catch(error => ({ error })),
    api.get('/v1/destinations?per_page=100&sortby=name').catch(() => ({ items: [] })),
  ]);
  return h('section', {},
    h('h1', {}, 'Find your next trip'),
    api.session.loggedIn && api.can('GET', '/v1/recommendations')
      ? recommendationStrip('For you', '/v1/recommendations?limit=6') : null,
    filterForm(params, destinations.items ?? []),
    list.error ? errorBox(list.error) : results(list, params, page, perPage));
}

function pick(source, names) {
  return Object.fromEntries(names.filter(n => source[n] !== undefined && source[n] !== '').map(n => [n, source[n]]));
}

function filterForm(params, destinations) {
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter trips' },
    h('label', {}, 'Search', h('input', { name: 'q', type: 'search', value: params.q ?? '', placeholder: 'tea, Kyoto, hiking…' })),
    h('label', {}, 'Destination', h('select', { name: 'destination_id' },
      h('option', { value: '' }, 'Anywhere'),
      destinations.map(d => h('option', { value: d.id, selected: String(d.id) === params.destination_id }, `${d.name}, ${d.country}`)))),
    h('label', {}, 'Tag', h('input', { name: 'tag', value: params.tag ?? '' })),
    h('label', {}, 'Departs after', h('input', { name: 'departs_after', type: 'date', value: params.departs_after ?? '' })),
    h('label', {}, 'Min price', h('input', { name: 'price_min', type: 'number', min: 0, step: '1', value: params.price_min ?? '' })),
    h('label', {}, 'Max price', h('input', { name: 'price_max', type: 'number', min: 0, step: '1', value: params.price_max ?? '' })),
    h('label', {}, 'Sort by', h('select', { name: 'sortby' },
      SORTS.map(([value, text]) => h('option', { value, selected: value === (params.sortby ?? 'created_at') }, text)))),
    h('label', {}, 'Order', h('select', { name: 'order' },
      h('option', { value: 'asc', selected: params.order !== 'desc' }, 'Ascending'),
      h('option', { value: 'desc', selected: params.order === 'desc' }, 'Descending'))),
    h('div', { class: 'row' },
      h('button', { type: 'submit' }, 'Search'),
      h('a', { class: 'button secondary', href: '#/trips' }, 'Clear')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    go('/trips', formValues(form)); // a new search starts at page 1
  });
  return form;
}

function results(list, params, page, perPage) {
  const items = list.items ?? [];
  const pages = Math.max(1, Math.ceil((list.total ?? items.length) / perPage));
  if (items.length === 0) return h('p', { class: 'empty' }, 'No trips match these filters.');
  const pageLink = n => link('/trips', { ...params, page: n, per_page: perPage });
  return h('div', {},
    h('p', { class: 'meta', id: 'trip-count' }, `${list.total} trips`),
    h('div', { class: 'grid', id: 'trip-list' }, items.map(tripCard)),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      page > 1 ? h('a', { class: 'button secondary', href: pageLink(page - 1), rel: 'prev' }, 'Previous') : null,
      h('span', {}, `Page ${page} of ${pages}`),
      page < pages ? h('a', { class: 'button secondary', href: pageLink(page + 1), rel: 'next' }, 'Next') : null));
}

export function tripCard(trip) {
  return h('article', { class: 'card trip-card' },
    trip.coverImageUrl ? h('img', { src: trip.coverImageUrl, alt: '', loading: 'lazy' }) : null,
    h('h3', {}, h('a', { href: `#/trips/${trip.id}` }, trip.title)),
    trip.summary ? h('p', {}, trip.summary) : null,
    h('p', { class: 'meta' },
      h('span', { class: 'price' }, money(trip.price, trip.currency)),
      trip.durationDays ? ` · ${trip.durationDays} days` : '',
      trip.reviewCount ? h('span', { class: 'stars', title: `${trip.averageRating} of 5` }, ` ${stars(trip.averageRating)} (${trip.reviewCount})`) : ''));
}
