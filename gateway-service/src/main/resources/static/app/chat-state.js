// One reconnecting chat socket per tab (chat-client.js, docs/chat-protocol.md), shared by the pages,
// and the unread counts shown in the navigation.
import { ChatClient } from './chat-client.js';
import * as api from './api.js';

let client = null;
const unread = new Map(); // conversationId -> unread count
const unreadListeners = new Set();
let openConversation = null;

export function onUnread(listener) {
  unreadListeners.add(listener);
}

function changed() {
  unreadListeners.forEach(listener => listener());
}

export function unreadTotal() {
  let total = 0;
  for (const count of unread.values()) total += count;
  return total;
}

export function setUnread(conversationId, count) {
  unread.set(conversationId, count);
  changed();
}

let refreshTimer = null;
function refreshUnreadSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refreshUnread, 300);
}

/** Unread counts of every conversation (GET /v1/conversations), for the navigation badge. */
export async function refreshUnread() {
  if (!api.session.loggedIn) return;
  try {
    const list = await api.get('/v1/conversations?per_page=100');
    for (const c of list.items ?? []) unread.set(c.id, c.id === openConversation ? 0 : c.unread ?? 0);
    changed();
  } catch (error) {
    console.warn('unread counts not refreshed', error.title);
  }
}

/** The conversation on screen: its messages do not count as unread. */
export function showing(conversationId) {
  openConversation = conversationId;
  if (conversationId) setUnread(conversationId, 0);
}

/** The shared client, connected on first use; it gets a fresh ticket with the current token each time. */
export function chatClient() {
  if (!client) {
    client = new ChatClient({
      // bound: the client calls them as its own methods, and a browser's setTimeout refuses another `this`
      setTimer: (run, ms) => setTimeout(run, ms),
      clearTimer: id => clearTimeout(id),
      getAccessToken: async () => {
        if (!api.session.token) await api.refresh();
        return api.session.token;
      },
    });
    client.on('message', frame => {
      if (frame.senderId === api.session.user?.id || frame.conversationId === openConversation) return;
      // it reached this device: the sender sees "Delivered"; the exact unread counts come from the server
      client.sendFrame({ type: 'receipt', conversationId: frame.conversationId, seq: frame.seq, status: 'delivered' });
      refreshUnreadSoon();
    });
    client.on('unauthenticated', async () => {
      // a ticket was refused or the server closed the socket with 4401: is the session still alive?
      try {
        await api.refresh();
        client.connect();
      } catch {
        api.endSession();
      }
    });
    client.connect();
  }
  return client;
}

export function stop() {
  client?.close();
  client = null;
  unread.clear();
  openConversation = null;
  changed();
}
