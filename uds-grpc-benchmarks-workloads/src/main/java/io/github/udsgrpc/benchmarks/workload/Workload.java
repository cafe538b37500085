package io.github.udsgrpc.benchmarks.workload;

import java.time.Duration;
import java.util.List;

import io.github.udsgrpc.benchmarks.transport.Transport;

/**
 * One kind of load, measured on one transport at a time.
 */
public interface Workload {

	/**
	 * The name in the results, e.g. {@code unary-latency}.
	 * @return the name
	 */
	String name();

	/**
	 * Whether this workload can run on the transport.
	 * @param transport the transport
	 * @return false for the gRPC workloads on the raw socket
	 */
	default boolean appliesTo(Transport transport) {
		return transport.isGrpc();
	}

	/**
	 * Warms up, then measures.
	 * @param transport a started transport
	 * @param warmup how long to run before measuring (0 for none)
	 * @param duration how long to measure
	 * @return what was measured
	 * @throws Exception if calls fail
	 */
	List<Measurement> run(Transport transport, Duration warmup, Duration duration) throws Exception;

	/**
	 * Runs for the JIT's sake, before the first round; nothing is kept.
	 * @param transport a started transport
	 * @param duration about how long
	 * @throws Exception if calls fail
	 */
	default void warmUp(Transport transport, Duration duration) throws Exception {
		run(transport, Duration.ZERO, duration);
	}

}
