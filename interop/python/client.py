#!/usr/bin/python3
"""Calls the consumer app over its Unix socket with grpc C-core (Debian's python3-grpcio).

Usage: /usr/bin/python3 client.py /path/to/orders.sock [CHECK...]   (no check names: all of them)

Every kind of call orders.proto defines, a deadline that expires, a cancellation, metadata both ways, a 4 MiB
message and the standard health check. Prints one PASS/FAIL line per check; exits 1 if any check fails.
"""

import os
import queue
import sys
import threading
import time

import grpc
from google.protobuf import text_format

import protos

pb = protos.load()
orders_pb2, health_pb2 = pb.orders_pb2, pb.health_pb2

LABEL = "python->app"
GUARD_SECONDS = 30  # hang guard for calls that should answer at once; never what a check waits for
HOLD_DEADLINE_SECONDS = 2  # the deadline the deadline check lets expire: Hold never answers by itself
LARGE_MESSAGE_BYTES = 4 * 1024 * 1024
# Echo's reply is a few bytes over 4 MiB, C-core's default inbound limit (its outbound limit is unbounded).
CHANNEL_OPTIONS = [("grpc.max_receive_message_length", 8 * 1024 * 1024)]


class CheckFailed(Exception):
    pass


def expect(ok, what_went_wrong):
    if not ok:
        raise CheckFailed(what_went_wrong)


def one_line(message):
    return "{%s}" % text_format.MessageToString(message, as_one_line=True)


def server_saw(stub, tag):
    report = stub.HoldOutcome(orders_pb2.HoldRequest(tag=tag), timeout=GUARD_SECONDS)
    expect(report.seen, "server never saw the end of Hold call %s" % tag)
    return report


def unary(stub, _):
    reply = stub.GetOrder(orders_pb2.OrderRequest(id="py-7"), timeout=GUARD_SECONDS)
    expect(reply.id == "py-7" and reply.description == "order py-7", "reply %s" % one_line(reply))
    return "description %r" % reply.description


def server_streaming(stub, _):
    lines = list(stub.ListLines(orders_pb2.LinesRequest(id="py-7", count=3), timeout=GUARD_SECONDS))
    got = [(line.number, line.text) for line in lines]
    expected = [(n, "py-7/line-%d" % n) for n in (1, 2, 3)]
    expect(got == expected, "got %s, want %s" % (got, expected))
    return "%d messages %s" % (len(got), [text for _, text in got])


def client_streaming(stub, _):
    lines = (orders_pb2.OrderLine(number=n, text="p%d" % n) for n in range(1, 5))
    summary = stub.AddLines(lines, timeout=GUARD_SECONDS)
    got = (summary.count, summary.number_sum, summary.texts)
    expect(got == (4, 10, "p1,p2,p3,p4"), "summary %s" % one_line(summary))
    return "count %d, sum %d, texts %s" % (summary.count, summary.number_sum, summary.texts)


def bidi_streaming(stub, _):
    """Ping-pong: each request waits for its reply, so the server must answer while the client still sends."""
    requests = queue.Queue()
    end = object()
    responses = stub.EchoLines(iter(requests.get, end), timeout=GUARD_SECONDS)
    try:
        got = []
        for n in (1, 2, 3):
            requests.put(orders_pb2.OrderLine(number=n, text="ping-%d" % n))
            reply = next(responses)
            expect((reply.number, reply.text) == (n, "echo ping-%d" % n), "reply %s" % one_line(reply))
            got.append(reply.text)
        requests.put(end)
        rest = list(responses)
        expect(not rest, "%d replies after the client ended" % len(rest))
        return "replies interleaved with requests %s" % got
    finally:
        requests.put(end)
        responses.cancel()  # no-op once the call has ended


def metadata(stub, _):
    binary = bytes([0, 1, 2, 0xFE, 0xFF])
    _, call = stub.GetOrder.with_call(orders_pb2.OrderRequest(id="py-meta"), timeout=GUARD_SECONDS,
                                      metadata=[("x-interop-echo", "from-python"), ("x-interop-echo-bin", binary)])
    headers, trailers = dict(call.initial_metadata()), dict(call.trailing_metadata())
    expect(headers.get("x-interop-echo") == "from-python", "response headers %r" % headers)
    expect(headers.get("x-interop-echo-bin") == binary, "response headers %r" % headers)
    expect(trailers.get("x-interop-trailer") == "grpc-java", "trailers %r" % trailers)
    return "header echoed %r, binary header echoed %d bytes, trailer %r" % (
        headers["x-interop-echo"], len(headers["x-interop-echo-bin"]), trailers["x-interop-trailer"])


def deadline(stub, _):
    tag = "py-deadline-%d" % time.monotonic_ns()
    events = stub.Hold(orders_pb2.HoldRequest(tag=tag), timeout=HOLD_DEADLINE_SECONDS)
    started, code = 0, None
    try:
        for event in events:
            started += event.state == "started"
    except grpc.RpcError as ex:
        code = ex.code()
    expect(code == grpc.StatusCode.DEADLINE_EXCEEDED, "the call ended with %s, want DEADLINE_EXCEEDED" % code)
    report = server_saw(stub, tag)
    expect(report.cancelled and report.had_deadline, "server reported %s" % one_line(report))
    return "client got %s after %d 'started' event; server saw the call cancelled and knew its deadline" % (
        code.name, started)


def cancel(stub, _):
    tag = "py-cancel-%d" % time.monotonic_ns()
    events = stub.Hold(orders_pb2.HoldRequest(tag=tag))  # no deadline: only the cancellation can end it
    # Hang guard: without a first event, cancel anyway so that next() fails instead of waiting forever.
    guard_fired = threading.Event()
    guard = threading.Timer(GUARD_SECONDS, lambda: (guard_fired.set(), events.cancel()))
    guard.start()
    try:
        first = next(events)  # the server surely has the call now, so it has something to observe
    except grpc.RpcError:
        expect(not guard_fired.is_set(), "no 'started' event, so no cancellation, within %d s" % GUARD_SECONDS)
        raise
    finally:
        guard.cancel()
    expect(first.state == "started", "first event %s" % one_line(first))
    events.cancel()
    expect(events.code() == grpc.StatusCode.CANCELLED, "the call ended with %s, want CANCELLED" % events.code())
    report = server_saw(stub, tag)
    expect(report.cancelled and not report.had_deadline, "server reported %s" % one_line(report))
    return "client cancelled after the 'started' event; server saw the call cancelled"


def large_message(stub, _):
    data = os.urandom(LARGE_MESSAGE_BYTES)
    reply = stub.Echo(orders_pb2.Blob(data=data), timeout=GUARD_SECONDS)
    expect(reply.data == data, "echoed %d bytes that differ from the %d sent" % (len(reply.data), len(data)))
    return "%d bytes sent and echoed back unchanged" % len(data)


def health(_, channel):
    check = pb.health_pb2_grpc.HealthStub(channel).Check
    reply = check(health_pb2.HealthCheckRequest(service=""), timeout=GUARD_SECONDS)
    serving = health_pb2.HealthCheckResponse.SERVING
    expect(reply.status == serving, "status %s" % health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status))
    return "status %s" % health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)


CHECKS = [("unary", unary), ("server-streaming", server_streaming), ("client-streaming", client_streaming),
          ("bidi-streaming", bidi_streaming), ("metadata", metadata), ("deadline", deadline), ("cancel", cancel),
          ("4MiB message", large_message), ("health", health)]


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: client.py SOCKET_PATH [CHECK...]")
    only = sys.argv[2:]  # optional check names, to run a few of them
    failures = 0
    with grpc.insecure_channel("unix:" + sys.argv[1], options=CHANNEL_OPTIONS) as channel:
        stub = pb.orders_pb2_grpc.OrdersStub(channel)
        for name, check in [(name, check) for name, check in CHECKS if not only or name in only]:
            try:
                print("PASS %s %s: %s" % (LABEL, name, check(stub, channel)), flush=True)
            except Exception as ex:  # a check that breaks in any way is a failed check, and the others still run
                failures += 1
                detail = "%s %s" % (ex.code(), ex.details()) if isinstance(ex, grpc.RpcError) else str(ex) or repr(ex)
                print("FAIL %s %s: %s" % (LABEL, name, detail), flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
