#!/usr/bin/python3
"""An Orders server written with grpc C-core (Debian's python3-grpcio), listening on a Unix socket, for the
consumer app's @GrpcClient to call (the reverse direction of client.py). Behaves as orders.proto says.

Usage: /usr/bin/python3 server.py /path/to/python.sock
Serves until SIGTERM or SIGINT, then removes its socket file.
"""

import concurrent.futures
import os
import signal
import sys
import threading

import grpc

import protos

pb = protos.load()
orders_pb2 = pb.orders_pb2

HOLD_GUARD_SECONDS = 60  # ends a Hold call nobody cancels
OUTCOME_WAIT_SECONDS = 20  # how long HoldOutcome waits for the Hold call to end: a hang guard
NO_DEADLINE_THRESHOLD_SECONDS = 10 * 365 * 24 * 3600  # a deadline further away than this is no deadline
ECHOED_HEADERS = ("x-interop-echo", "x-interop-echo-bin")


class HoldOutcomes:
    """What the server saw of each Hold call, by tag; the client alone cannot tell whether the server noticed."""

    def __init__(self):
        self._lock = threading.Lock()
        self._events = {}
        self._reports = {}

    def _event(self, tag):
        with self._lock:
            return self._events.setdefault(tag, threading.Event())

    def record(self, tag, cancelled, had_deadline):
        self._reports[tag] = orders_pb2.HoldReport(tag=tag, seen=True, cancelled=cancelled,
                                                   had_deadline=had_deadline)
        self._event(tag).set()

    def await_outcome(self, tag):
        if self._event(tag).wait(OUTCOME_WAIT_SECONDS):
            return self._reports[tag]
        return orders_pb2.HoldReport(tag=tag, seen=False)


class Orders(pb.orders_pb2_grpc.OrdersServicer):

    def __init__(self):
        self.outcomes = HoldOutcomes()

    def GetOrder(self, request, context):
        echoed = [(key, value) for key, value in context.invocation_metadata() if key in ECHOED_HEADERS]
        if echoed:
            context.send_initial_metadata(echoed)
        context.set_trailing_metadata([("x-interop-trailer", "grpc-python")])
        return orders_pb2.OrderReply(id=request.id, description="order " + request.id)

    def ListLines(self, request, context):
        for number in range(1, request.count + 1):
            yield orders_pb2.OrderLine(number=number, text="%s/line-%d" % (request.id, number))

    def AddLines(self, request_iterator, context):
        lines = list(request_iterator)
        return orders_pb2.LinesSummary(count=len(lines), number_sum=sum(line.number for line in lines),
                                       texts=",".join(line.text for line in lines))

    def EchoLines(self, request_iterator, context):
        for line in request_iterator:
            yield orders_pb2.OrderLine(number=line.number, text="echo " + line.text)

    def Hold(self, request, context):
        tag = request.tag
        # Without a grpc-timeout header C-core's deadline is its "infinite future" (about 9.2e18 s away); with one,
        # C-core cancels the call when it expires.
        remaining = context.time_remaining()
        had_deadline = remaining is not None and remaining < NO_DEADLINE_THRESHOLD_SECONDS
        ended = threading.Event()
        lock = threading.Lock()

        def on_termination():  # C-core calls this when the call ends; Hold ends only by cancellation or the guard
            with lock:
                if ended.is_set():
                    return
                ended.set()
            self.outcomes.record(tag, cancelled=True, had_deadline=had_deadline)

        if not context.add_callback(on_termination):
            on_termination()  # the call had already ended (its deadline expired before this handler ran)
        yield orders_pb2.HoldEvent(tag=tag, state="started")
        if not ended.wait(HOLD_GUARD_SECONDS):
            with lock:
                ended.set()
            self.outcomes.record(tag, cancelled=False, had_deadline=had_deadline)

    def HoldOutcome(self, request, context):
        return self.outcomes.await_outcome(request.tag)

    def Echo(self, request, context):
        return request


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: server.py SOCKET_PATH")
    path = sys.argv[1]
    server = grpc.server(concurrent.futures.ThreadPoolExecutor(max_workers=8),
                         # Echo carries a 4 MiB payload, a few bytes over C-core's default 4 MiB inbound limit.
                         options=[("grpc.max_receive_message_length", 8 * 1024 * 1024)])
    pb.orders_pb2_grpc.add_OrdersServicer_to_server(Orders(), server)
    server.add_insecure_port("unix:" + path)
    server.start()
    print("python server: listening on unix:%s" % path, flush=True)

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    stop.wait()
    server.stop(grace=2).wait()
    if os.path.exists(path):
        os.unlink(path)


if __name__ == "__main__":
    main()
