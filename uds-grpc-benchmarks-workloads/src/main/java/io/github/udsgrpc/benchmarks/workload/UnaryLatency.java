package io.github.udsgrpc.benchmarks.workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.udsgrpc.benchmarks.transport.Transport;
import org.HdrHistogram.Histogram;

/**
 * One caller making blocking round trips of the tiny message, one after another; every round trip's time goes into
 * an HdrHistogram (ns). Also the CPU time all threads of client and server used per call (the server's JVM included
 * in {@code --two-process} mode and when a client JVM of the harness measures; with a resolution of 10 ms per
 * measurement there), and then also split into this JVM's ({@code client-cpu/call}) and the server JVM's
 * ({@code server-cpu/call}).
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
		CpuSplit cpu = CpuSplit.start();
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
		List<Measurement> measurements = new ArrayList<>(List.of(
				Measurement.lowerIsBetter("p50", micros(histogram, 50), "µs"),
				Measurement.lowerIsBetter("p90", micros(histogram, 90), "µs"),
				Measurement.lowerIsBetter("p99", micros(histogram, 99), "µs"),
				Measurement.lowerIsBetter("p99.9", micros(histogram, 99.9), "µs"),
				Measurement.higherIsBetter("calls/s", histogram.getTotalCount() / seconds, "1/s")));
		measurements.addAll(cpu.perCall(histogram.getTotalCount()));
		return measurements;
	}

	private static double micros(Histogram histogram, double percentile) {
		return histogram.getValueAtPercentile(percentile) / 1000.0;
	}

}
