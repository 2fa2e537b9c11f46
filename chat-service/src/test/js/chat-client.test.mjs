// node --test chat-service/src/test/js/   (Node 20+, no npm packages; run inside the Maven build by ChatClientScriptTests)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatClient, backoffDelay } from '../../main/resources/static/chat-client.js';

class FakeSocket {
  static all = [];
  constructor(url) { this.url = url; this.sent = []; FakeSocket.all.push(this); }
  send(data) { this.sent.push(JSON.parse(data)); }
  close(code = 1000) { this.onclose?.({ code }); }
  open() { this.onopen(); }
  push(frame) { this.onmessage({ data: JSON.stringify(frame) }); }
}

function client(extra = {}) {
  FakeSocket.all = [];
  const timers = [];
  const chat = new ChatClient({
    socketUrl: 'ws://chat/ws/chat',
    getAccessToken: async () => 'token',
    WebSocketImpl: FakeSocket,
    fetchImpl: async () => ({ ok: true, json: async () => ({ ticket: `t${FakeSocket.all.length}` }) }),
    setTimer: (fn, ms) => { timers.push({ fn, ms }); return timers.length; },
    clearTimer: () => {},
    backoff: { random: () => 1 },
    ...extra,
  });
  return { chat, timers };
}

const tick = () => new Promise(resolve => setImmediate(resolve));

test('back-off grows exponentially with full jitter and is capped', () => {
  assert.equal(backoffDelay(0, { random: () => 0.999 }), 499);
  assert.equal(backoffDelay(3, { random: () => 0.5 }), 2000);
  assert.equal(backoffDelay(30, { random: () => 0.999 }), 29970);
  assert.equal(backoffDelay(5, { random: () => 0 }), 0);
});

test('reconnects with a new ticket, resumes from the last seq and resends unacked messages with the same clientId', async () => {
  const { chat, timers } = client();
  chat.track('conv', 3);
  await chat.connect();
  const first = FakeSocket.all[0];
  assert.match(first.url, /ticket=t0$/);
  first.open();
  assert.deepEqual(first.sent[0], { type: 'resume', conversationId: 'conv', afterSeq: 3 });
  const seen = [];
  chat.on('message', m => seen.push(m.seq));
  first.push({ type: 'message', conversationId: 'conv', seq: 4, text: 'a' });
  const clientId = chat.send('conv', 'hello');
  first.close(1006);                             // link lost before the ack
  const reconnect = timers.find(t => t.ms === 500);
  assert.ok(reconnect, 'first retry after the jittered base delay');
  reconnect.fn();
  await tick();
  const second = FakeSocket.all[1];
  assert.match(second.url, /ticket=t1$/);
  second.open();
  assert.deepEqual(second.sent[0], { type: 'resume', conversationId: 'conv', afterSeq: 4 });
  assert.equal(second.sent[1].clientId, clientId);
  second.push({ type: 'message', conversationId: 'conv', seq: 4, text: 'a' }); // duplicate
  second.push({ type: 'message', conversationId: 'conv', seq: 5, text: 'b' });
  second.push({ type: 'ack', conversationId: 'conv', clientId, seq: 6 });
  assert.deepEqual(seen, [4, 5]);
  assert.equal(chat.pending.size, 0);
});

test('a missing pong closes the link; a revoked session stops reconnecting', async () => {
  const { chat, timers } = client();
  let unauthenticated = false;
  chat.on('unauthenticated', () => { unauthenticated = true; });
  await chat.connect();
  const socket = FakeSocket.all[0];
  socket.open();
  const codes = [];
  chat.on('close', e => codes.push(e.code));
  timers.find(t => t.ms === 20000).fn();        // ping due
  assert.equal(socket.sent.at(-1).type, 'ping');
  timers.find(t => t.ms === 10000).fn();        // no pong in time
  assert.deepEqual(codes, [4000]);
  assert.equal(chat.state, 'waiting');
  timers.filter(t => t.ms === 500).at(-1).fn();
  await tick();
  FakeSocket.all[1].open();
  FakeSocket.all[1].close(4401);
  assert.equal(unauthenticated, true);
  assert.equal(chat.state, 'stopped');
});

test('a live message pushed ahead of the resume replay does not make the client skip the older ones', async () => {
  // The failover race (docs/chat-protocol.md, "Ordering and resume"): seq 2 was published while the
  // new socket was not registered yet, seq 3 was pushed before the resume took effect, then the
  // replay brings 2 and 3. A client that jumped to 3 would drop 2 as a "duplicate".
  const { chat } = client();
  chat.track('conv', 1);
  await chat.connect();
  const socket = FakeSocket.all[0];
  socket.open();
  const seen = [];
  chat.on('message', m => seen.push(m.seq));
  socket.push({ type: 'message', conversationId: 'conv', seq: 3, text: 'c' });
  assert.equal(socket.sent.filter(f => f.type === 'resume').length, 1, 'its resume is already on the way');
  socket.push({ type: 'message', conversationId: 'conv', seq: 2, text: 'b' });
  socket.push({ type: 'message', conversationId: 'conv', seq: 3, text: 'c' });
  socket.push({ type: 'resumed', conversationId: 'conv', lastSeq: 3, more: false });
  assert.deepEqual(seen, [2, 3]);
});

test('a message ahead of a gap in a conversation not resumed on this socket resumes it from the last contiguous seq', async () => {
  const { chat } = client();
  await chat.connect();
  const socket = FakeSocket.all[0];
  socket.open();
  const seen = [];
  chat.on('message', m => seen.push(m.seq));
  socket.push({ type: 'message', conversationId: 'new', seq: 1, text: 'a' });
  socket.push({ type: 'message', conversationId: 'new', seq: 3, text: 'c' });
  assert.deepEqual(socket.sent.at(-1), { type: 'resume', conversationId: 'new', afterSeq: 1 });
  socket.push({ type: 'message', conversationId: 'new', seq: 4, text: 'd' }); // still ahead: no second resume
  assert.equal(socket.sent.filter(f => f.type === 'resume').length, 1);
  for (const seq of [2, 3, 4]) socket.push({ type: 'message', conversationId: 'new', seq, text: String(seq) });
  assert.deepEqual(seen, [1, 2, 3, 4]);
});

test('the default timers work where the platform checks their receiver, as browsers do', async () => {
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  // a browser's window.setTimeout throws "Illegal invocation" when called as a method of another object
  const receiverChecked = real => function (...args) {
    if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
    return real(...args);
  };
  globalThis.setTimeout = receiverChecked(realSet);
  globalThis.clearTimeout = receiverChecked(realClear);
  try {
    FakeSocket.all = [];
    const chat = new ChatClient({
      socketUrl: 'ws://chat/ws/chat',
      getAccessToken: async () => 'token',
      WebSocketImpl: FakeSocket,
      fetchImpl: async () => ({ ok: true, json: async () => ({ ticket: 't0' }) }),
    });
    await chat.connect();
    FakeSocket.all[0].open();                     // starts the heartbeat timers
    FakeSocket.all[0].close(1006);                // schedules a reconnect
    chat.close();                                 // clears them
  } finally {
    globalThis.setTimeout = realSet;
    globalThis.clearTimeout = realClear;
  }
});
