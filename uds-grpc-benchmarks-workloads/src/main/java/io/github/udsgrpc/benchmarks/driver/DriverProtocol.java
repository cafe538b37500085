package io.github.udsgrpc.benchmarks.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.github.udsgrpc.benchmarks.workload.Measurement;

/**
 * The lines by which the harness and the JVMs it starts talk, over the child's standard input and output. Every
 * line of the protocol starts with {@link #PREFIX}; everything else a child prints (its application's log) is only
 * copied to the harness's output.
 *
 * <p>
 * A child prints {@code READY ...} once it serves (a server) or once its first call went through (a client). The
 * harness then sends a client one command per line and waits for its answer:
 * <ul>
 * <li>{@code warmup WORKLOAD MILLIS}: runs the workload for about that long, nothing kept; answer {@code done}</li>
 * <li>{@code run WORKLOAD WARMUP_MILLIS DURATION_MILLIS}: warms up, measures; answer
 * {@code result metric|value|unit|higher-or-lower;...}</li>
 * </ul>
 * or {@code failed MESSAGE}. The end of its standard input stops a child, client or server.
 */
public final class DriverProtocol {

	/** What every line of the protocol starts with. */
	public static final String PREFIX = "@@bench ";

	/** A child serves or calls: {@code READY key=value ...}. */
	public static final String READY = "ready";

	/** Information about a child's line (versions): {@code info key=value}. */
	public static final String INFO = "info";

	/** The answer to {@code warmup}. */
	public static final String DONE = "done";

	/** The answer to {@code run}. */
	public static final String RESULT = "result";

	/** The answer when a command failed. */
	public static final String FAILED = "failed";

	private DriverProtocol() {
	}

	/**
	 * A result line's body.
	 * @param measurements what was measured
	 * @return {@code metric|value|unit|higher;...}
	 */
	public static String encode(List<Measurement> measurements) {
		return measurements.stream()
			.map((m) -> m.metric() + "|" + String.format(Locale.ROOT, "%.9g", m.value()) + "|" + m.unit() + "|"
					+ (m.higherIsBetter() ? "higher" : "lower"))
			.collect(Collectors.joining(";"));
	}

	/**
	 * Reads a result line's body.
	 * @param text {@code metric|value|unit|higher;...}
	 * @return the measurements
	 */
	public static List<Measurement> decode(String text) {
		List<Measurement> measurements = new ArrayList<>();
		for (String item : text.trim().split(";")) {
			if (item.isBlank()) {
				continue;
			}
			String[] fields = item.split("\\|");
			if (fields.length != 4) {
				throw new IllegalArgumentException("Cannot read measurement '" + item + "'");
			}
			measurements.add(new Measurement(fields[0], Double.parseDouble(fields[1]), fields[2],
					fields[3].equals("higher")));
		}
		return measurements;
	}

}
