// Conversations (with unread counts) and one conversation live over the shared socket: history by
// REST, then resume and live frames; delivered/read ticks from receipts; messages rendered as text only.
import * as api from '../api.js';
import { h, mount, dateTime, errorBox } from '../dom.js';
import * as chat from '../chat-state.js';

export async function conversationsPage({ inbox }) {
  const list = await api.get('/v1/conversations' + api.query({ as: inbox ? 'expert' : '', per_page: 50 }));
  const items = list.items ?? [];
  items.forEach(c => chat.setUnread(c.id, c.unread ?? 0));
  return h('section', {},
    h('h1', {}, inbox ? 'Expert inbox' : 'Messages'),
    items.length === 0 ? h('p', { class: 'empty' }, inbox ? 'No traveller has written to you yet.' : 'No conversations yet — start one from a trip page.')
      : h('ul', { class: 'grid', id: 'conversations' }, items.map(c => h('li', { class: 'card' },
        h('a', { href: `#/messages/${c.id}` }, inbox ? `Traveller ${shortId(c.travellerId)}` : c.expert?.displayName ?? 'Expert'),
        ' ', h('span', { class: c.unread ? 'badge unread' : 'badge', 'aria-label': `${c.unread} unread` }, String(c.unread ?? 0)),
        c.tripId ? h('div', { class: 'meta' }, h('a', { href: `#/trips/${c.tripId}` }, `about trip ${c.tripId}`)) : null,
        c.lastMessage ? h('p', { class: 'meta' }, c.lastMessage.text) : null,
        h('div', { class: 'meta' }, dateTime(c.lastMessageAt ?? c.createdAt))))));
}

function shortId(id) {
  return id ? id.slice(0, 8) : '';
}

export async function conversationPage({ params, onLeave }) {
  const id = params.id;
  const me = api.session.user?.id;
  const [conversation, history] = await Promise.all([
    api.get(`/v1/conversations/${encodeURIComponent(id)}`),
    api.get(`/v1/conversations/${encodeURIComponent(id)}/messages?limit=100`),
  ]);
  const log = h('ol', { class: 'chat-log', id: 'chat-log', 'aria-live': 'polite', 'aria-label': 'Messages' });
  const state = h('span', { class: 'conn', id: 'chat-state', role: 'status' }, 'Connecting…');
  const errors = h('div');
  const shown = new Map(); // seq -> element
  const pendingByClientId = new Map();
  let counterpartRead = 0;
  let counterpartDelivered = 0;

  const tick = (element, seq) => {
    const mark = element.querySelector('.tick');
    if (!mark) return;
    mark.textContent = seq <= counterpartRead ? 'Read' : seq <= counterpartDelivered ? 'Delivered' : 'Sent';
  };
  const refreshTicks = () => { for (const [seq, element] of shown) if (element.classList.contains('mine')) tick(element, seq); };
  const add = message => {
    if (shown.has(message.seq)) return;
    const mine = message.senderId === me;
    const element = h('li', { class: mine ? 'mine' : '', dataset: { seq: message.seq } },
      h('span', { class: 'text' }, message.text), // text, never HTML
      h('span', { class: 'tick' }, mine ? 'Sent' : dateTime(message.sentAt)));
    const pending = message.clientId && pendingByClientId.get(message.clientId);
    if (pending) { pending.replaceWith(element); pendingByClientId.delete(message.clientId); } else log.append(element);
    shown.set(message.seq, element);
    if (mine) tick(element, message.seq);
    log.scrollTop = log.scrollHeight;
  };
  (history.items ?? []).forEach(add);
  const lastSeq = Math.max(0, history.lastSeq ?? 0);

  const client = chat.chatClient();
  chat.showing(id);
  const markRead = seq => { if (seq > 0 && !document.hidden) client.markRead(id, seq); };
  const readAll = () => markRead(Math.max(0, ...shown.keys()));
  const unsubscribe = [
    client.on('message', frame => {
      if (frame.conversationId !== id) return;
      add(frame);
      if (frame.senderId !== me) markRead(frame.seq);
    }),
    client.on('ack', frame => {
      if (frame.conversationId !== id) return;
      add({ seq: frame.seq, senderId: me, clientId: frame.clientId, text: pendingByClientId.get(frame.clientId)?.querySelector('.text')?.textContent ?? '', sentAt: frame.sentAt });
    }),
    client.on('receipt', frame => {
      if (frame.conversationId !== id || frame.userId === me) return;
      if (frame.status === 'read') counterpartRead = Math.max(counterpartRead, frame.seq);
      counterpartDelivered = Math.max(counterpartDelivered, frame.seq);
      refreshTicks();
    }),
    client.on('open', () => { state.textContent = 'Live'; }),
    client.on('resumed', frame => { if (frame.conversationId === id) { state.textContent = 'Live'; readAll(); } }),
    client.on('reconnecting', ({ delay }) => { state.textContent = `Connection lost — reconnecting in ${Math.ceil(delay / 1000)} s…`; }),
    client.on('close', () => { state.textContent = 'Reconnecting…'; }),
    client.on('error', frame => { mount(errors, errorBox({ title: 'Message not sent', detail: frame.message })); }),
  ];
  if (client.state === 'open') state.textContent = 'Live';
  client.track(id, lastSeq);
  readAll();
  document.addEventListener('visibilitychange', readAll);
  onLeave(() => {
    unsubscribe.forEach(off => off());
    document.removeEventListener('visibilitychange', readAll);
    chat.showing(null);
  });

  const input = h('input', { name: 'text', maxlength: 2000, autocomplete: 'off', 'aria-label': 'Message', required: true, id: 'chat-input' });
  const form = h('form', { 'aria-label': 'Send a message' }, input, h('button', { type: 'submit' }, 'Send'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const text = input.value;
    if (!text.trim()) return;
    const clientId = client.send(id, text);
    const pending = h('li', { class: 'mine pending' }, h('span', { class: 'text' }, text), h('span', { class: 'tick' }, 'Sending…'));
    pendingByClientId.set(clientId, pending);
    log.append(pending);
    log.scrollTop = log.scrollHeight;
    input.value = '';
    errors.replaceChildren();
  });
  const title = conversation.travellerId === me ? `Chat with ${conversation.expert?.displayName ?? 'your expert'}` : 'Chat with a traveller';
  return h('section', {},
    h('h1', {}, title),
    conversation.tripId ? h('p', { class: 'meta' }, h('a', { href: `#/trips/${conversation.tripId}` }, 'About this trip')) : null,
    h('div', { class: 'chat' }, state, log, form, errors));
}
