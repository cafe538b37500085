package io.github.udsgrpc.benchmarks.workload;

import java.util.List;

/**
 * The workloads by name: the harness and the client JVMs it starts make them the same way.
 */
public final class Workloads {

	/** The workloads of a default run, in this order. */
	public static final List<String> ALL = List.of("unary-latency", "unary-throughput-16", "unary-throughput-64",
			"stream-1k", "stream-64k", "connect");

	private Workloads() {
	}

	/**
	 * The workload a name stands for.
	 * @param name one of {@link #ALL}
	 * @param connectCount new channels per connect measurement
	 * @return the workload
	 * @throws IllegalArgumentException for an unknown name
	 */
	public static Workload create(String name, int connectCount) {
		return switch (name) {
			case "unary-latency" -> new UnaryLatency();
			case "unary-throughput-16" -> new UnaryThroughput(16);
			case "unary-throughput-64" -> new UnaryThroughput(64);
			case "stream-1k" -> new Streaming("1k", 1 << 10);
			case "stream-64k" -> new Streaming("64k", 64 << 10);
			case "connect" -> new Connect(connectCount);
			default -> throw new IllegalArgumentException("Unknown workload " + name);
		};
	}

}
