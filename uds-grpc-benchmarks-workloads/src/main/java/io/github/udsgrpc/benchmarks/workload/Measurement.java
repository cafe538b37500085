package io.github.udsgrpc.benchmarks.workload;

/**
 * One number a workload measured.
 *
 * @param metric its name, e.g. {@code p50} or {@code calls/s}
 * @param value the value
 * @param unit the unit, e.g. {@code µs}
 * @param higherIsBetter the direction: true for throughput, false for latency
 */
public record Measurement(String metric, double value, String unit, boolean higherIsBetter) {

	static Measurement lowerIsBetter(String metric, double value, String unit) {
		return new Measurement(metric, value, unit, false);
	}

	static Measurement higherIsBetter(String metric, double value, String unit) {
		return new Measurement(metric, value, unit, true);
	}

}
