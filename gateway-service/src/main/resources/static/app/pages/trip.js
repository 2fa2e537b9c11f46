// One trip: departures with seats left, the expert, reviews (and writing one), similar trips, the
// favourite and share buttons (behaviour events for the recommendations), booking and chat.
import * as api from '../api.js';
import { h, mount, money, stars, dateTime, errorBox, info, action, formValues } from '../dom.js';
import { go } from '../router.js';
import { recommendationStrip } from './recommendations.js';

export async function tripPage({ params }) {
  const id = params.id;
  const trip = await api.get(`/v1/trips/${encodeURIComponent(id)}`);
  const [departures, expert, reviews] = await Promise.all([
    api.get(`/v1/trips/${trip.id}/departures?sortby=starts_on&per_page=20`).catch(error => ({ error })),
    trip.expertId ? api.get(`/v1/experts/${trip.expertId}`).catch(() => null) : null,
    api.get(`/v1/trips/${trip.id}/reviews?sortby=created_at&order=desc&per_page=10`).catch(error => ({ error })),
  ]);
  const reviewSection = reviewsWithForm(trip, reviews);
  return h('article', { class: 'trip' },
    h('h1', {}, trip.title),
    trip.coverImageUrl ? h('img', { class: 'cover', src: trip.coverImageUrl, alt: '' }) : null,
    h('div', { class: 'two-col' },
      h('div', {},
        h('p', { class: 'meta' }, h('span', { class: 'price' }, money(trip.price, trip.currency)),
          ` · ${trip.durationDays} days`,
          trip.reviewCount ? h('span', { class: 'stars' }, ` ${stars(trip.averageRating)} ${trip.averageRating} (${trip.reviewCount} reviews)`) : ''),
        h('p', {}, trip.summary),
        trip.description ? h('p', {}, trip.description) : null,
        trip.tags?.length ? h('p', { class: 'meta' }, 'Tags: ', trip.tags.map((tag, i) => [i ? ', ' : '', h('a', { href: `#/trips?tag=${encodeURIComponent(tag)}` }, tag)])) : null,
        behaviourButtons(trip),
        h('h2', {}, 'Departures'),
        departures.error ? errorBox(departures.error) : departureList(trip, departures.items ?? []),
        h('h2', {}, 'Reviews'),
        reviewSection),
      h('aside', {},
        h('h2', {}, 'Your expert'),
        expert ? expertCard(trip, expert) : h('p', { class: 'empty' }, 'No expert is assigned to this trip.'))),
    recommendationStrip('Similar trips', `/v1/recommendations/similar-trips?trip_id=${trip.id}&limit=6`));
}

function behaviourButtons(trip) {
  const result = h('span', { class: 'meta', role: 'status', 'aria-live': 'polite' });
  const allowed = api.session.loggedIn && api.can('POST', '/v1/behaviours');
  const send = (type, done) => async () => {
    await api.post('/v1/behaviours', { tripId: trip.id, type });
    result.textContent = done;
  };
  const errors = h('div');
  const favourite = h('button', { type: 'button', class: 'secondary', id: 'favourite', disabled: !allowed,
    title: allowed ? null : 'Log in as a traveller to save favourites' }, '♥ Favourite');
  const share = h('button', { type: 'button', class: 'secondary', id: 'share' }, 'Share');
  const shareUrl = `${location.origin}/#/trips/${trip.id}`;
  action(favourite, send('favourite', 'Saved to your favourites.'), errors);
  action(share, async () => {
    try { await navigator.clipboard?.writeText(shareUrl); } catch { /* not allowed here: the link is shown anyway */ }
    if (allowed) await send('share', '')();
    result.textContent = `Link to share: ${shareUrl}`;
  }, errors);
  return h('div', {}, h('div', { class: 'row' }, favourite, share, result), errors);
}

function departureList(trip, departures) {
  if (departures.length === 0) return h('p', { class: 'empty' }, 'No departures scheduled.');
  const canBook = api.can('POST', '/v1/orders');
  return h('div', { class: 'table-wrap' }, h('table', { id: 'departures' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Date'), h('th', {}, 'Seats left'), h('th', {}, 'Travellers'), h('th', {}, ''))),
    h('tbody', {}, departures.map(d => departureRow(trip, d, canBook)))));
}

function departureRow(trip, departure, canBook) {
  const travellers = h('input', { type: 'number', min: 1, max: Math.max(1, departure.seatsLeft), value: 1,
    'aria-label': `Travellers for ${departure.startsOn}`, class: 'travellers' });
  const errors = h('div');
  const book = h('button', { type: 'button', class: 'book', disabled: departure.seatsLeft < 1 }, 'Book');
  action(book, async () => {
    if (!api.session.loggedIn) { go('/login', { next: `/trips/${trip.id}` }); return; }
    const order = await api.post('/v1/orders', { tripId: trip.id, departureId: departure.id, travellers: Number(travellers.value) },
      { headers: { 'Idempotency-Key': crypto.randomUUID() } });
    go(`/orders/${order.id}`);
  }, errors);
  return h('tr', {},
    h('td', {}, departure.startsOn),
    h('td', { class: 'seats-left' }, String(departure.seatsLeft)),
    h('td', {}, travellers),
    h('td', {}, !api.session.loggedIn || canBook ? book : h('span', { class: 'meta' }, 'Booking not available for your role'), errors));
}

/** The reviews and the form to write one; a published review joins the list at once. */
function reviewsWithForm(trip, reviews) {
  if (reviews.error) return h('div', {}, errorBox(reviews.error), reviewForm(trip, () => {}));
  let items = reviews.items ?? [];
  const list = h('div', { id: 'reviews' }, reviewList(items));
  return h('div', {}, list, reviewForm(trip, written => {
    if (!written?.id) return;
    items = [written, ...items];
    mount(list, reviewList(items));
  }));
}

function reviewList(reviews) {
  if (reviews.length === 0) return h('p', { class: 'empty' }, 'No reviews yet.');
  return h('ul', { class: 'reviews' }, reviews.map(r => h('li', { class: 'card' },
    h('div', {}, h('span', { class: 'stars', title: `${r.rating} of 5` }, stars(r.rating)), ' ', h('strong', {}, r.authorName ?? 'A traveller')),
    r.text ? h('p', {}, r.text) : null,
    h('div', { class: 'meta' }, dateTime(r.createdAt)))));
}

function reviewForm(trip, published) {
  if (!api.session.loggedIn || !api.can('POST', `/v1/trips/${trip.id}/reviews`)) return null;
  const slot = h('div');
  const form = h('form', { class: 'stack', 'aria-label': 'Write a review' },
    h('h2', {}, 'Write a review'),
    h('label', {}, 'Rating', h('select', { name: 'rating', required: true },
      [5, 4, 3, 2, 1].map(n => h('option', { value: n }, `${n} – ${stars(n)}`)))),
    h('label', {}, 'Your review', h('textarea', { name: 'text', rows: 3, maxlength: 5000 })),
    h('button', { type: 'submit' }, 'Publish review'), slot);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const values = formValues(form);
    try {
      const written = await api.post(`/v1/trips/${trip.id}/reviews`, { rating: Number(values.rating), text: values.text ?? null,
        authorName: api.session.user?.displayName ?? null });
      mount(slot, info('Thank you — your review is published.'));
      published(written);
      form.reset();
    } catch (error) {
      mount(slot, errorBox(error));
    }
  });
  return form;
}

function expertCard(trip, expert) {
  const errors = h('div');
  const chat = h('button', { type: 'button', id: 'chat-with-expert' }, `Chat with ${expert.displayName}`);
  action(chat, async () => {
    if (!api.session.loggedIn) { go('/login', { next: `/trips/${trip.id}` }); return; }
    const conversation = await api.post('/v1/conversations', { expertId: expert.id, tripId: trip.id });
    go(`/messages/${conversation.id}`);
  }, errors);
  const mayChat = expert.userId && (!api.session.loggedIn || api.can('POST', '/v1/conversations'));
  return h('div', { class: 'card' },
    h('h3', {}, expert.displayName),
    expert.bio ? h('p', {}, expert.bio) : null,
    expert.languages?.length ? h('p', { class: 'meta' }, `Speaks: ${expert.languages.join(', ')}`) : null,
    expert.reviewCount ? h('p', { class: 'meta' }, `${stars(expert.averageRating)} over ${expert.reviewCount} reviews`) : null,
    mayChat ? chat : h('p', { class: 'meta' }, 'This expert is not on live chat.'),
    errors);
}
