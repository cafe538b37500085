package io.github.udsgrpc.server;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;

/**
 * Counts the calls in flight on the servers it is added to, so that a graceful shutdown waits for calls, not
 * for idle connections: grpc-java's own termination waits up to 10 seconds for each idle client to answer a
 * ping after GOAWAY, and a peer that never speaks HTTP/2 never does.
 */
final class CallsInFlight extends ServerStreamTracer.Factory {

	private final AtomicInteger count = new AtomicInteger();

	@Override
	public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
		this.count.incrementAndGet();
		return new ServerStreamTracer() {

			private final AtomicBoolean closed = new AtomicBoolean();

			@Override
			public void streamClosed(Status status) {
				if (this.closed.compareAndSet(false, true)) {
					CallsInFlight.this.count.decrementAndGet();
				}
			}

		};
	}

	/**
	 * The number of calls started and not yet closed.
	 * @return the count
	 */
	int get() {
		return this.count.get();
	}

}
