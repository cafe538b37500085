// Calls the consumer app over its Unix socket with grpc-js.
// Usage: node client.js /path/to/orders.sock
// Prints one line per check; exits 1 if any check fails.
'use strict';

const path = require('node:path');
const assert = require('node:assert');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const DEADLINE_MS = 10_000;

const socketPath = process.argv[2];
if (!socketPath) {
  console.error('usage: node client.js SOCKET_PATH');
  process.exit(2);
}

// The app's own .proto, so a change to the service shows up here as a failure rather than drifting.
const definition = protoLoader.loadSync(
  [path.join(__dirname, '../consumer-app/src/main/protobuf/orders.proto'), path.join(__dirname, 'health.proto')],
  { keepCase: true, enums: String, defaults: true },
);
const proto = grpc.loadPackageDefinition(definition);

const target = `unix:${socketPath}`;
const credentials = grpc.credentials.createInsecure();
const orders = new proto.udsgrpc.interop.Orders(target, credentials);
const health = new proto.grpc.health.v1.Health(target, credentials);

const deadline = () => ({ deadline: Date.now() + DEADLINE_MS });

function unary(client, method, request) {
  return new Promise((resolve, reject) => {
    client[method](request, deadline(), (err, reply) => (err ? reject(err) : resolve(reply)));
  });
}

function serverStream(client, method, request) {
  return new Promise((resolve, reject) => {
    const messages = [];
    client[method](request, deadline())
      .on('data', (message) => messages.push(message))
      .on('error', reject)
      .on('end', () => resolve(messages));
  });
}

let failures = 0;

async function check(name, fn) {
  try {
    console.log(`PASS node ${name}: ${await fn()}`);
  } catch (err) {
    failures++;
    let detail = err.message;
    if (err instanceof assert.AssertionError) {
      detail = `got ${JSON.stringify(err.actual)}, want ${JSON.stringify(err.expected)}`;
    } else if (err.code !== undefined && err.details !== undefined) {
      detail = `${grpc.status[err.code]} ${err.details}`;
    }
    console.log(`FAIL node ${name}: ${detail}`);
  }
}

async function main() {
  await check('unary', async () => {
    const reply = await unary(orders, 'GetOrder', { id: 'js-9' });
    assert.deepStrictEqual({ ...reply }, { id: 'js-9', description: 'order js-9' });
    return JSON.stringify(reply);
  });

  await check('server-streaming', async () => {
    const lines = await serverStream(orders, 'ListLines', { id: 'js-9', count: 4 });
    assert.deepStrictEqual(
      lines.map((line) => ({ ...line })),
      [1, 2, 3, 4].map((n) => ({ number: n, text: `js-9/line-${n}` })),
    );
    return `${lines.length} messages ${JSON.stringify(lines.map((line) => line.text))}`;
  });

  await check('health', async () => {
    const reply = await unary(health, 'Check', { service: '' });
    assert.strictEqual(reply.status, 'SERVING');
    return `status ${reply.status}`;
  });

  orders.close();
  health.close();
  process.exit(failures ? 1 : 0);
}

main();
