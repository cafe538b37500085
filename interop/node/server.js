// An Orders server written with grpc-js, listening on a Unix socket, for the consumer app's @GrpcClient to call
// (the reverse direction of client.js). Behaves as orders.proto says.
// Usage: node server.js /path/to/node.sock
// Serves until SIGTERM or SIGINT, then removes its socket file.
'use strict';

const fs = require('node:fs');
const { grpc, Orders, MAX_RECEIVE_MESSAGE_LENGTH } = require('./protos');

const HOLD_GUARD_MS = 60_000; // ends a Hold call nobody cancels
const OUTCOME_WAIT_MS = 20_000; // how long HoldOutcome waits for the Hold call to end: a hang guard
const ECHOED_HEADERS = ['x-interop-echo', 'x-interop-echo-bin'];

const socketPath = process.argv[2];
if (!socketPath) {
  console.error('usage: node server.js SOCKET_PATH');
  process.exit(2);
}

// What the server saw of each Hold call, by tag; the client alone cannot tell whether the server noticed.
const outcomes = new Map();
function outcome(tag) {
  if (!outcomes.has(tag)) {
    let settle;
    const promise = new Promise((resolve) => { settle = resolve; });
    outcomes.set(tag, { promise, settle });
  }
  return outcomes.get(tag);
}

const service = {
  GetOrder(call, callback) {
    const headers = new grpc.Metadata();
    for (const key of ECHOED_HEADERS) {
      for (const value of call.metadata.get(key)) headers.add(key, value);
    }
    call.sendMetadata(headers);
    const trailers = new grpc.Metadata();
    trailers.set('x-interop-trailer', 'grpc-js');
    callback(null, { id: call.request.id, description: `order ${call.request.id}` }, trailers);
  },

  ListLines(call) {
    for (let number = 1; number <= call.request.count; number++) {
      call.write({ number, text: `${call.request.id}/line-${number}` });
    }
    call.end();
  },

  AddLines(call, callback) {
    const lines = [];
    call.on('data', (line) => lines.push(line));
    call.on('end', () => callback(null, {
      count: lines.length,
      number_sum: lines.reduce((sum, line) => sum + line.number, 0),
      texts: lines.map((line) => line.text).join(','),
    }));
  },

  EchoLines(call) {
    call.on('data', (line) => call.write({ number: line.number, text: `echo ${line.text}` }));
    call.on('end', () => call.end());
  },

  Hold(call) {
    const { tag } = call.request;
    // Infinity when the client sent no grpc-timeout; grpc-js cancels the call when the deadline expires.
    const hadDeadline = call.getDeadline() !== Infinity;
    let ended = false;
    const guard = setTimeout(() => {
      ended = true;
      outcome(tag).settle({ tag, seen: true, cancelled: false, had_deadline: hadDeadline });
      call.end();
    }, HOLD_GUARD_MS);
    const cancelled = () => {
      clearTimeout(guard);
      if (ended) return;
      ended = true;
      outcome(tag).settle({ tag, seen: true, cancelled: true, had_deadline: hadDeadline });
    };
    if (call.cancelled) {
      cancelled(); // the call had already ended (its deadline expired before this handler ran)
      return;
    }
    call.on('cancelled', cancelled);
    call.write({ tag, state: 'started' });
  },

  HoldOutcome(call, callback) {
    const { tag } = call.request;
    let timer;
    const notSeen = new Promise((resolve) => {
      timer = setTimeout(() => resolve({ tag, seen: false }), OUTCOME_WAIT_MS);
    });
    Promise.race([outcome(tag).promise, notSeen]).then((report) => {
      clearTimeout(timer);
      callback(null, report);
    });
  },

  Echo(call, callback) {
    callback(null, call.request);
  },
};

const server = new grpc.Server({ 'grpc.max_receive_message_length': MAX_RECEIVE_MESSAGE_LENGTH });
server.addService(Orders.service, service);
server.bindAsync(`unix:${socketPath}`, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`node server: cannot listen on unix:${socketPath}: ${err.message}`);
    process.exit(1);
  }
  console.log(`node server: listening on unix:${socketPath}`);
});

function stop() {
  server.tryShutdown(() => {
    fs.rmSync(socketPath, { force: true });
    process.exit(0);
  });
  // Hold calls still open would keep tryShutdown waiting; a stop request means stop.
  setTimeout(() => server.forceShutdown(), 2_000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
