// Wayfarer chat client (docs/chat-protocol.md): one reconnecting socket per browser tab.
//
//   import { ChatClient } from '/chat-client.js';
//   const chat = new ChatClient({ apiBase: '', getAccessToken: () => auth.token() });
//   chat.on('message', m => render(m));            // text is untrusted: render with textContent
//   chat.track(conversationId, lastSeenSeq);         // resumed on every (re)connect
//   await chat.connect();
//   chat.send(conversationId, 'Hello');              // queued while offline, resent with the same clientId
//
// Rules: exponential back-off with full jitter (base 500 ms, cap 30 s), a fresh single-use ticket per
// attempt, resume of every tracked conversation after each connect, per conversation the last
// contiguous seq (duplicates dropped; a message ahead of a gap dropped and the conversation resumed,
// so the server's replay brings the gap and that message in order: docs/chat-protocol.md),
// app-level ping every 20 s (no pong within 10 s = dead link, reconnect), stop on 4401 until a new
// token is available, stay closed after 4409 (idle) until the app sends again.

const CLOSE_SESSION_ENDED = 4401;
const CLOSE_IDLE = 4409;
const CLOSE_POLICY = 1008;

export function backoffDelay(attempt, { base = 500, cap = 30000, random = Math.random } = {}) {
  const ceiling = Math.min(cap, base * 2 ** Math.min(attempt, 16));
  return Math.floor(random() * ceiling); // "full jitter": spreads a reconnect storm after an outage
}

export class ChatClient {
  constructor({
    apiBase = '',
    socketUrl = null,                 // default: derived from apiBase / location
    getAccessToken,                   // async () => bearer token (may refresh)
    WebSocketImpl = globalThis.WebSocket,
    fetchImpl = globalThis.fetch?.bind(globalThis),
    pingIntervalMs = 20000,
    pongTimeoutMs = 10000,
    backoff = {},
    // wrapped: called as this.setTimer(...), the bare browser functions throw "Illegal invocation"
    setTimer = (callback, ms) => setTimeout(callback, ms),
    clearTimer = (id) => clearTimeout(id),
  } = {}) {
    this.apiBase = apiBase;
    this.socketUrl = socketUrl;
    this.getAccessToken = getAccessToken;
    this.WebSocketImpl = WebSocketImpl;
    this.fetch = fetchImpl;
    this.pingIntervalMs = pingIntervalMs;
    this.pongTimeoutMs = pongTimeoutMs;
    this.backoff = backoff;
    this.setTimer = setTimer;
    this.clearTimer = clearTimer;
    this.lastSeq = new Map();        // conversationId -> last seq seen with nothing missing before it
    this.resumedHere = new Set();    // conversations resumed on the current socket
    this.pending = new Map();        // clientId -> send frame not yet acked
    this.listeners = new Map();
    this.attempt = 0;
    this.state = 'idle';             // idle | connecting | open | waiting | stopped
    this.socket = null;
    this.timers = {};
    this.counter = 0;
  }

  on(event, listener) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event).add(listener);
    return () => this.listeners.get(event).delete(listener);
  }

  emit(event, payload) {
    for (const listener of this.listeners.get(event) ?? []) {
      try { listener(payload); } catch (e) { console.error(e); }
    }
  }

  /** Resume this conversation from lastSeenSeq on every connect. */
  track(conversationId, lastSeenSeq = 0) {
    const known = this.lastSeq.get(conversationId) ?? 0;
    this.lastSeq.set(conversationId, Math.max(known, lastSeenSeq));
    if (this.state === 'open') this.resume(conversationId);
  }

  async connect() {
    if (this.state === 'connecting' || this.state === 'open') return;
    this.state = 'connecting';
    let ticket;
    try {
      ticket = await this.fetchTicket();
    } catch (e) {
      if (e.status === 401) {
        this.state = 'stopped';
        this.emit('unauthenticated', e);
        return;
      }
      this.scheduleReconnect();
      return;
    }
    const socket = new this.WebSocketImpl(`${this.baseSocketUrl()}?ticket=${encodeURIComponent(ticket)}`);
    this.socket = socket;
    socket.onopen = () => {
      this.state = 'open';
      this.attempt = 0;
      this.resumedHere.clear();
      for (const conversationId of this.lastSeq.keys()) this.resume(conversationId);
      for (const frame of this.pending.values()) this.sendFrame(frame); // same clientId: no duplicate
      this.startHeartbeat();
      this.emit('open');
    };
    socket.onmessage = event => this.receive(event.data);
    socket.onclose = event => this.closed(socket, event.code);
    socket.onerror = () => { /* onclose follows */ };
  }

  /** Sends a message; returns its clientId. Offline: queued and sent on the next connect. */
  send(conversationId, text) {
    const clientId = `c-${Date.now().toString(36)}-${(this.counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const frame = { type: 'send', conversationId, clientId, text };
    this.pending.set(clientId, frame);
    if (this.state === 'open') this.sendFrame(frame);
    else if (this.state === 'idle' || this.state === 'stopped') this.connect();
    return clientId;
  }

  markRead(conversationId, seq) { this.sendFrame({ type: 'receipt', conversationId, seq, status: 'read' }); }

  typing(conversationId) { this.sendFrame({ type: 'typing', conversationId }); }

  close() {
    this.state = 'stopped';
    this.stopHeartbeat();
    this.clearTimer(this.timers.reconnect);
    this.socket?.close(1000, 'bye');
  }

  // --- internals ---

  receive(data) {
    let frame;
    try { frame = JSON.parse(data); } catch { return; }
    this.lastPong = Date.now();
    switch (frame.type) {
      case 'message': {
        const seen = this.lastSeq.get(frame.conversationId) ?? 0;
        if (frame.seq <= seen) return; // duplicate after a resume
        if (frame.seq > seen + 1) {
          // Ahead of a gap (pushed before this socket's resume took effect): never move past the
          // gap, or the replay of the missing ones would look like duplicates. The replay brings
          // the gap and this message in order.
          if (!this.resumedHere.has(frame.conversationId)) this.resume(frame.conversationId);
          return;
        }
        this.lastSeq.set(frame.conversationId, frame.seq);
        this.emit('message', frame);
        return;
      }
      case 'ack': {
        this.pending.delete(frame.clientId);
        const seen = this.lastSeq.get(frame.conversationId) ?? 0;
        if (frame.seq === seen + 1) this.lastSeq.set(frame.conversationId, frame.seq);
        this.emit('ack', frame);
        return;
      }
      case 'resumed':
        if (frame.more) this.resume(frame.conversationId);
        this.emit('resumed', frame);
        return;
      case 'pong':
        this.clearTimer(this.timers.pongDeadline);
        return;
      case 'error':
        if (frame.ref) this.pending.delete(frame.ref); // refused for good (e.g. text-too-long)
        this.emit('error', frame);
        return;
      default:
        this.emit(frame.type, frame); // welcome, receipt, typing, presence
    }
  }

  closed(socket, code) {
    if (socket !== this.socket) return;
    this.stopHeartbeat();
    this.socket = null;
    this.emit('close', { code });
    if (this.state === 'stopped') return;
    if (code === CLOSE_SESSION_ENDED) {
      this.state = 'stopped';
      this.emit('unauthenticated', { code }); // the app logs in again, then calls connect()
      return;
    }
    if (code === CLOSE_IDLE) {
      this.state = 'idle'; // reconnect on the next send() or connect()
      return;
    }
    if (code === CLOSE_POLICY) this.attempt = Math.max(this.attempt, 4);
    this.scheduleReconnect();
  }

  scheduleReconnect() {
    this.state = 'waiting';
    const delay = backoffDelay(this.attempt++, this.backoff);
    this.emit('reconnecting', { attempt: this.attempt, delay });
    this.timers.reconnect = this.setTimer(() => { this.state = 'idle'; this.connect(); }, delay);
  }

  startHeartbeat() {
    this.stopHeartbeat();
    this.timers.ping = this.setTimer(function beat() {
      this.sendFrame({ type: 'ping', id: String(Date.now()) });
      this.timers.pongDeadline = this.setTimer(() => this.socket?.close(4000, 'no pong'), this.pongTimeoutMs);
      this.timers.ping = this.setTimer(beat.bind(this), this.pingIntervalMs);
    }.bind(this), this.pingIntervalMs);
  }

  stopHeartbeat() {
    this.clearTimer(this.timers.ping);
    this.clearTimer(this.timers.pongDeadline);
  }

  resume(conversationId) {
    this.resumedHere.add(conversationId);
    this.sendFrame({ type: 'resume', conversationId, afterSeq: this.lastSeq.get(conversationId) ?? 0 });
  }

  sendFrame(frame) {
    if (this.socket && this.state === 'open') this.socket.send(JSON.stringify(frame));
  }

  async fetchTicket() {
    const token = await this.getAccessToken();
    const response = await this.fetch(`${this.apiBase}/v1/chat/tickets`, {
      method: 'POST', headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      const error = new Error(`ticket refused: ${response.status}`);
      error.status = response.status;
      throw error;
    }
    return (await response.json()).ticket;
  }

  baseSocketUrl() {
    if (this.socketUrl) return this.socketUrl;
    const base = new URL(this.apiBase || globalThis.location.origin);
    base.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
    base.pathname = '/ws/chat';
    return base.toString().replace(/\?.*$/, '');
  }
}
