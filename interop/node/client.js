// Calls the consumer app over its Unix socket with grpc-js: every kind of call orders.proto defines, a deadline
// that expires, a cancellation, metadata both ways, a 4 MiB message and the standard health check.
// Usage: node client.js /path/to/orders.sock [CHECK...]   (no check names: all of them)
// Prints one PASS/FAIL line per check; exits 1 if any check fails.
'use strict';

const assert = require('node:assert');
const crypto = require('node:crypto');
const { grpc, Orders, Health, MAX_RECEIVE_MESSAGE_LENGTH } = require('./protos');

const LABEL = 'node->app';
const GUARD_MS = 30_000; // hang guard for calls that should answer at once; never what a check waits for
const HOLD_DEADLINE_MS = 2_000; // the deadline the deadline check lets expire: Hold never answers by itself
const LARGE_MESSAGE_BYTES = 4 * 1024 * 1024;

const socketPath = process.argv[2];
if (!socketPath) {
  console.error('usage: node client.js SOCKET_PATH');
  process.exit(2);
}

const target = `unix:${socketPath}`;
const credentials = grpc.credentials.createInsecure();
const orders = new Orders(target, credentials, { 'grpc.max_receive_message_length': MAX_RECEIVE_MESSAGE_LENGTH });
const health = new Health(target, credentials);

const guard = () => ({ deadline: Date.now() + GUARD_MS });

function unary(client, method, request, metadata = new grpc.Metadata()) {
  return new Promise((resolve, reject) => {
    const result = {};
    const call = client[method](request, metadata, guard(), (err, reply) => {
      if (err) reject(err);
      else result.reply = reply;
    });
    call.on('metadata', (headers) => { result.headers = headers; });
    // 'status' comes after the callback and carries the trailers.
    call.on('status', (status) => {
      if (status.code === grpc.status.OK) resolve({ ...result, trailers: status.metadata });
    });
  });
}

function collect(call) {
  return new Promise((resolve, reject) => {
    const messages = [];
    call.on('data', (message) => messages.push(message)).on('error', reject).on('end', () => resolve(messages));
  });
}

/** Ends a Hold call the way the check says; resolves with the status code the client saw and when it saw it. */
function hold(tag, options, onStarted) {
  return new Promise((resolve, reject) => {
    const call = orders.Hold({ tag }, options);
    // Hang guard for the check without a deadline: a call that never ends is a failure, not a wait.
    const guard = setTimeout(() => {
      reject(new Error(`Hold call ${tag} did not end within ${GUARD_MS} ms`));
      call.cancel();
    }, GUARD_MS);
    const settle = (code) => { clearTimeout(guard); resolve({ code, endedAt: Date.now() }); };
    call.on('data', (event) => onStarted(call, event));
    call.on('error', (err) => settle(err.code));
    call.on('end', () => settle(grpc.status.OK));
  });
}

async function serverSaw(tag) {
  const { reply } = await unary(orders, 'HoldOutcome', { tag });
  assert.ok(reply.seen, `server never saw the end of Hold call ${tag}`);
  return reply;
}

const checks = {
  async unary() {
    const { reply } = await unary(orders, 'GetOrder', { id: 'js-9' });
    assert.deepStrictEqual({ ...reply }, { id: 'js-9', description: 'order js-9' });
    return `description '${reply.description}'`;
  },

  async 'server-streaming'() {
    const lines = await collect(orders.ListLines({ id: 'js-9', count: 4 }, guard()));
    assert.deepStrictEqual(
      lines.map((line) => ({ ...line })),
      [1, 2, 3, 4].map((n) => ({ number: n, text: `js-9/line-${n}` })),
    );
    return `${lines.length} messages ${JSON.stringify(lines.map((line) => line.text))}`;
  },

  async 'client-streaming'() {
    const summary = await new Promise((resolve, reject) => {
      const call = orders.AddLines(guard(), (err, reply) => (err ? reject(err) : resolve(reply)));
      for (let n = 1; n <= 4; n++) call.write({ number: n, text: `n${n}` });
      call.end();
    });
    assert.deepStrictEqual({ ...summary }, { count: 4, number_sum: 10, texts: 'n1,n2,n3,n4' });
    return `count ${summary.count}, sum ${summary.number_sum}, texts ${summary.texts}`;
  },

  // Ping-pong: each request waits for its reply, so the server must answer while the client still sends.
  async 'bidi-streaming'() {
    const call = orders.EchoLines(guard());
    const replies = [];
    let waiting = null;
    let failed = null;
    call.on('data', (line) => { replies.push(line); if (waiting) waiting(); });
    call.on('error', (err) => { failed = err; if (waiting) waiting(); });
    const ended = new Promise((resolve) => call.on('end', resolve));
    const got = [];
    for (let n = 1; n <= 3; n++) {
      call.write({ number: n, text: `ping-${n}` });
      if (replies.length < n && !failed) await new Promise((resolve) => { waiting = resolve; });
      if (failed) throw failed;
      assert.deepStrictEqual({ ...replies[n - 1] }, { number: n, text: `echo ping-${n}` });
      got.push(replies[n - 1].text);
    }
    call.end();
    await ended;
    if (failed) throw failed;
    assert.strictEqual(replies.length, 3, 'replies after the client ended');
    return `replies interleaved with requests ${JSON.stringify(got)}`;
  },

  async metadata() {
    const metadata = new grpc.Metadata();
    const binary = Buffer.from([0, 1, 2, 0xfe, 0xff]);
    metadata.set('x-interop-echo', 'from-node');
    metadata.set('x-interop-echo-bin', binary);
    const { headers, trailers } = await unary(orders, 'GetOrder', { id: 'js-meta' }, metadata);
    assert.deepStrictEqual(headers.get('x-interop-echo'), ['from-node']);
    assert.deepStrictEqual(headers.get('x-interop-echo-bin'), [binary]);
    assert.deepStrictEqual(trailers.get('x-interop-trailer'), ['grpc-java']);
    return `header echoed '${headers.get('x-interop-echo')[0]}', binary header echoed `
      + `${headers.get('x-interop-echo-bin')[0].length} bytes, trailer '${trailers.get('x-interop-trailer')[0]}'`;
  },

  async deadline() {
    const tag = `js-deadline-${process.hrtime.bigint()}`;
    const deadline = Date.now() + HOLD_DEADLINE_MS;
    let started = 0;
    const { code, endedAt } = await hold(tag, { deadline }, (call, event) => {
      started += event.state === 'started' ? 1 : 0;
    });
    // The server enforces the deadline too and resets the stream (RST_STREAM CANCEL) when it expires. If that
    // reaches grpc-js before its own deadline timer fires, grpc-js 1.14 reports CANCELLED, where grpc-java, C-core
    // and grpc-go double-check the deadline and report DEADLINE_EXCEEDED. Count that case, and only that one.
    const serverResetAtDeadline = grpc.status[code] === 'CANCELLED' && endedAt >= deadline;
    assert.ok(grpc.status[code] === 'DEADLINE_EXCEEDED' || serverResetAtDeadline,
      `the call ended with ${grpc.status[code]} ${endedAt - deadline} ms after its deadline, want DEADLINE_EXCEEDED`);
    const report = await serverSaw(tag);
    assert.ok(report.cancelled && report.had_deadline, `server reported ${JSON.stringify(report)}`);
    const seen = serverResetAtDeadline
      ? 'CANCELLED at its deadline (the server\'s reset came before grpc-js\'s own timer)'
      : grpc.status[code];
    return `client got ${seen} after ${started} 'started' event; server saw the call cancelled and knew its deadline`;
  },

  async cancel() {
    const tag = `js-cancel-${process.hrtime.bigint()}`;
    // No deadline: the server must learn of the cancellation from the client's RST_STREAM alone. Cancel once the
    // server surely has the call, so that it has something to observe.
    const { code } = await hold(tag, {}, (call) => call.cancel());
    assert.strictEqual(grpc.status[code], 'CANCELLED', 'the status the client saw');
    const report = await serverSaw(tag);
    assert.ok(report.cancelled && !report.had_deadline, `server reported ${JSON.stringify(report)}`);
    return `client got ${grpc.status[code]}; server saw the call cancelled`;
  },

  async '4MiB message'() {
    const data = crypto.randomBytes(LARGE_MESSAGE_BYTES);
    const { reply } = await unary(orders, 'Echo', { data });
    assert.ok(data.equals(reply.data), `echoed ${reply.data.length} bytes that differ from the ${data.length} sent`);
    return `${data.length} bytes sent and echoed back unchanged`;
  },

  async health() {
    const { reply } = await unary(health, 'Check', { service: '' });
    assert.strictEqual(reply.status, 'SERVING');
    return `status ${reply.status}`;
  },
};

async function main() {
  let failures = 0;
  const only = process.argv.slice(3); // optional check names, to run a few of them
  for (const [name, check] of Object.entries(checks).filter(([name]) => !only.length || only.includes(name))) {
    try {
      console.log(`PASS ${LABEL} ${name}: ${await check()}`);
    } catch (err) {
      failures++;
      let detail = err.message;
      if (err instanceof assert.AssertionError && err.generatedMessage) {
        detail = `got ${JSON.stringify(err.actual)}, want ${JSON.stringify(err.expected)}`;
      } else if (err.code !== undefined && err.details !== undefined) {
        detail = `${grpc.status[err.code]} ${err.details}`;
      }
      console.log(`FAIL ${LABEL} ${name}: ${detail}`);
    }
  }
  orders.close();
  health.close();
  process.exit(failures ? 1 : 0);
}

main();
