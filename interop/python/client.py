#!/usr/bin/python3
"""Calls the consumer app over its Unix socket with grpc C-core (Debian's python3-grpcio).

Usage: /usr/bin/python3 client.py /path/to/orders.sock

The protobuf messages (interop/consumer-app/src/main/protobuf/orders.proto and grpc.health.v1) are encoded
by hand so that nothing but grpcio is needed: no protoc, no grpcio-tools, no generated code.
Prints one line per check; exits 1 if any check fails.
"""

import sys

import grpc

DEADLINE_SECONDS = 10


# --- Minimal protobuf wire format: varints (wire type 0) and length-delimited fields (wire type 2). ---

def _varint(value):
    out = bytearray()
    while True:
        bits = value & 0x7F
        value >>= 7
        if value:
            out.append(bits | 0x80)
        else:
            out.append(bits)
            return bytes(out)


def _string_field(number, text):
    data = text.encode("utf-8")
    return _varint(number << 3 | 2) + _varint(len(data)) + data


def _int_field(number, value):
    return _varint(number << 3 | 0) + _varint(value)


def _decode(data):
    """Returns {field number: value}: int for varints, bytes for length-delimited fields."""
    fields, pos = {}, 0

    def read_varint():
        nonlocal pos
        result, shift = 0, 0
        while True:
            byte = data[pos]
            pos += 1
            result |= (byte & 0x7F) << shift
            if not byte & 0x80:
                return result
            shift += 7

    while pos < len(data):
        key = read_varint()
        number, wire_type = key >> 3, key & 7
        if wire_type == 0:
            fields[number] = read_varint()
        elif wire_type == 2:
            length = read_varint()
            fields[number] = data[pos:pos + length]
            pos += length
        else:
            raise ValueError("unexpected wire type %d" % wire_type)
    return fields


def _text(fields, number):
    # proto3 leaves out fields that hold their default, so a missing string is "".
    return fields.get(number, b"").decode("utf-8")


# --- Messages ---

def order_request(order_id):  # OrderRequest{string id = 1}
    return _string_field(1, order_id)


def order_reply(data):  # OrderReply{string id = 1; string description = 2}
    fields = _decode(data)
    return {"id": _text(fields, 1), "description": _text(fields, 2)}


def lines_request(order_id, count):  # LinesRequest{string id = 1; int32 count = 2}
    return _string_field(1, order_id) + _int_field(2, count)


def order_line(data):  # OrderLine{int32 number = 1; string text = 2}
    fields = _decode(data)
    return {"number": fields.get(1, 0), "text": _text(fields, 2)}


def health_request(service):  # HealthCheckRequest{string service = 1}; "" encodes to nothing
    return _string_field(1, service) if service else b""


def health_status(data):  # HealthCheckResponse{ServingStatus status = 1}
    return _decode(data).get(1, 0)


SERVING = 1


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: client.py SOCKET_PATH")
    target = "unix:" + sys.argv[1]
    failures = 0

    def check(name, ok, detail):
        nonlocal failures
        print("%s python %s: %s" % ("PASS" if ok else "FAIL", name, detail))
        failures += 0 if ok else 1

    def call(name, fn):
        try:
            return fn()
        except grpc.RpcError as ex:
            check(name, False, "%s %s" % (ex.code(), ex.details()))
            return None

    with grpc.insecure_channel(target) as channel:
        get_order = channel.unary_unary("/udsgrpc.interop.Orders/GetOrder",
                                        request_serializer=lambda m: m, response_deserializer=order_reply)
        list_lines = channel.unary_stream("/udsgrpc.interop.Orders/ListLines",
                                          request_serializer=lambda m: m, response_deserializer=order_line)
        health_check = channel.unary_unary("/grpc.health.v1.Health/Check",
                                           request_serializer=lambda m: m, response_deserializer=health_status)

        reply = call("unary", lambda: get_order(order_request("py-7"), timeout=DEADLINE_SECONDS))
        if reply is not None:
            check("unary", reply == {"id": "py-7", "description": "order py-7"}, reply)

        lines = call("server-streaming",
                     lambda: list(list_lines(lines_request("py-7", 3), timeout=DEADLINE_SECONDS)))
        if lines is not None:
            expected = [{"number": n, "text": "py-7/line-%d" % n} for n in (1, 2, 3)]
            check("server-streaming", lines == expected, "%d messages %s" % (len(lines), [l["text"] for l in lines]))

        status = call("health", lambda: health_check(health_request(""), timeout=DEADLINE_SECONDS))
        if status is not None:
            check("health", status == SERVING, "status %d (SERVING=%d)" % (status, SERVING))

    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
