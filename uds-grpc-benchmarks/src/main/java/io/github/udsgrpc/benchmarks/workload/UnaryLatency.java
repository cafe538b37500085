package io.github.udsgrpc.benchmarks.workload;

import java.time.Duration;
import java.util.List;

import io.github.udsgrpc.benchmarks.report.CpuMeter;
import io.github.udsgrpc.benchmarks.transport.Transport;
import org.HdrHistogram.Histogram;

/**
 * One caller making blocking round trips of the tiny message, one after another; every round trip's time goes into
 * an HdrHistogram (ns). Also the CPU time all threads of client and server used per call (the server's JVM included
 * in {@code --two-process} mode; with a resolution of 10 ms per measurement there).
 */
public class UnaryLatency implements Workload {

	@Override
	public String name() {
		return "unary-latency";
	}

	@Override
	public boolean appliesTo(Transport transport) {
		return true;
	}

	@Override
	public List<Measurement> run(Transport transport, Duration warmup, Duration duration) throws Exception {
		Transport.RoundTrip roundTrip = transport.roundTrip();
		long warmupEnd = System.nanoTime() + warmup.toNanos();
		while (System.nanoTime() < warmupEnd) {
			roundTrip.call();
		}
		Histogram histogram = new Histogram(3);
		long cpuStart = CpuMeter.processCpuNanos();
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		long now = start;
		while (now < end) {
			roundTrip.call();
			long after = System.nanoTime();
			histogram.recordValue(after - now);
			now = after;
		}
		double seconds = (now - start) / 1e9;
		double cpuPerCall = (CpuMeter.processCpuNanos() - cpuStart) / 1e3 / histogram.getTotalCount();
		return List.of(Measurement.lowerIsBetter("p50", micros(histogram, 50), "µs"),
				Measurement.lowerIsBetter("p90", micros(histogram, 90), "µs"),
				Measurement.lowerIsBetter("p99", micros(histogram, 99), "µs"),
				Measurement.lowerIsBetter("p99.9", micros(histogram, 99.9), "µs"),
				Measurement.higherIsBetter("calls/s", histogram.getTotalCount() / seconds, "1/s"),
				Measurement.lowerIsBetter("cpu/call", cpuPerCall, "µs"));
	}

	private static double micros(Histogram histogram, double percentile) {
		return histogram.getValueAtPercentile(percentile) / 1000.0;
	}

}
