package io.github.udsgrpc.server;

import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.Attributes;
import io.grpc.ServerTransportFilter;

/**
 * Counts the open connections of one socket listener, for the health endpoint. A connection counts once its
 * HTTP/2 handshake is done: a peer that connected and never spoke is not a gRPC client yet.
 */
final class OpenConnections extends ServerTransportFilter {

	// grpc-java tells every filter of a transport's end, also of one that never became ready (then with null
	// attributes); the mark makes sure only counted connections are uncounted.
	private static final Attributes.Key<Boolean> COUNTED = Attributes.Key.create("uds-grpc.counted-connection");

	private final AtomicInteger count = new AtomicInteger();

	@Override
	public Attributes transportReady(Attributes transportAttrs) {
		this.count.incrementAndGet();
		return transportAttrs.toBuilder().set(COUNTED, Boolean.TRUE).build();
	}

	@Override
	public void transportTerminated(Attributes transportAttrs) {
		if (transportAttrs != null && Boolean.TRUE.equals(transportAttrs.get(COUNTED))) {
			this.count.decrementAndGet();
		}
	}

	int get() {
		return this.count.get();
	}

}
