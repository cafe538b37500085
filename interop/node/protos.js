// Loads the interop contract (the app's own orders.proto) and the standard health.proto for grpc-js, so that a
// change to the service shows up in the Node checks as a failure rather than drifting.
'use strict';

const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const definition = protoLoader.loadSync(
  [
    path.join(__dirname, '../shared/src/main/protobuf/orders.proto'),
    path.join(__dirname, '../proto/health.proto'),
  ],
  { keepCase: true, enums: String, defaults: true },
);
const proto = grpc.loadPackageDefinition(definition);

module.exports = {
  grpc,
  Orders: proto.udsgrpc.interop.Orders,
  Health: proto.grpc.health.v1.Health,
  // Echo carries a 4 MiB payload: the message is a few bytes over grpc-js's default 4 MiB inbound limit.
  MAX_RECEIVE_MESSAGE_LENGTH: 8 * 1024 * 1024,
};
