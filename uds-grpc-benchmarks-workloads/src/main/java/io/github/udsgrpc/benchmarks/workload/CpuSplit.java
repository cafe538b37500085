package io.github.udsgrpc.benchmarks.workload;

import java.util.ArrayList;
import java.util.List;

import io.github.udsgrpc.benchmarks.report.CpuMeter;

/**
 * The CPU time of a measurement: this JVM's, to the nanosecond, and that of the server JVM when it runs apart
 * ({@link CpuMeter#othersCpuNanos()}, in steps of 10 ms).
 */
final class CpuSplit {

	private final long ownStart;

	private final long othersStart;

	private final boolean split;

	private CpuSplit(long ownStart, long othersStart, boolean split) {
		this.ownStart = ownStart;
		this.othersStart = othersStart;
		this.split = split;
	}

	static CpuSplit start() {
		return new CpuSplit(CpuMeter.ownCpuNanos(), CpuMeter.othersCpuNanos(), CpuMeter.countsOthers());
	}

	/**
	 * The CPU time per call since {@link #start()}.
	 * @param calls how many calls were made
	 * @return {@code cpu/call} (both JVMs), and where the server runs in another JVM {@code client-cpu/call} and
	 * {@code server-cpu/call}; nothing if no call was made or the CPU time cannot be read
	 */
	List<Measurement> perCall(long calls) {
		long own = CpuMeter.ownCpuNanos();
		long others = CpuMeter.othersCpuNanos();
		List<Measurement> measurements = new ArrayList<>();
		if (calls <= 0 || own < 0 || this.ownStart < 0) {
			return measurements;
		}
		double client = (own - this.ownStart) / 1e3 / calls;
		double server = (others - this.othersStart) / 1e3 / calls;
		measurements.add(Measurement.lowerIsBetter("cpu/call", client + server, "µs"));
		if (this.split) {
			measurements.add(Measurement.lowerIsBetter("client-cpu/call", client, "µs"));
			measurements.add(Measurement.lowerIsBetter("server-cpu/call", server, "µs"));
		}
		return measurements;
	}

}
