package io.github.udsgrpc.benchmarks.transport;

import io.grpc.Channel;

/**
 * One way of carrying the benchmark's calls: a server and the client side that reaches it, in this JVM.
 */
public interface Transport {

	/**
	 * The name in the results, e.g. {@code starter-uds} or {@code starter-uds[grpc.uds.event-loop-threads=1]}.
	 * @return the name
	 */
	String name();

	/**
	 * Starts the server and opens the long-lived client connection.
	 * @throws Exception if either fails
	 */
	void start() throws Exception;

	/**
	 * The long-lived gRPC channel all gRPC workloads share.
	 * @return the channel, or null if this transport does not speak gRPC
	 */
	Channel channel();

	/**
	 * A blocking round trip of the tiny message over the long-lived connection.
	 * @return the caller, to be used from one thread
	 */
	RoundTrip roundTrip();

	/**
	 * Opens a new connection the way this transport's users would (a new channel), makes the first round trip on it
	 * and returns it, still open.
	 * @return what closes the connection
	 * @throws Exception if connecting or the call fails
	 */
	AutoCloseable connectAndCall() throws Exception;

	/**
	 * Closes the client side and stops the server.
	 * @throws Exception if stopping fails
	 */
	void stop() throws Exception;

	/**
	 * Whether this transport carries gRPC (and so the throughput and streaming workloads).
	 * @return true for gRPC
	 */
	default boolean isGrpc() {
		return channel() != null;
	}

	/** A blocking round trip of the tiny message. */
	@FunctionalInterface
	interface RoundTrip {

		void call() throws Exception;

	}

}
