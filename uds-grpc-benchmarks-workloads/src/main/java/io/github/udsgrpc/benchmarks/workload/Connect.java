package io.github.udsgrpc.benchmarks.workload;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

import io.github.udsgrpc.benchmarks.transport.Transport;
import org.HdrHistogram.Histogram;

/**
 * Time from creating a new channel to its first reply (for the raw socket: connect and the first ping-pong), over
 * {@code count} new channels made one after another; each is closed, untimed, before the next. Also counts the file
 * descriptors and threads still open after all of them were closed: what a transport leaks per channel.
 */
public class Connect implements Workload {

	private final int count;

	public Connect(int count) {
		this.count = count;
	}

	@Override
	public String name() {
		return "connect";
	}

	@Override
	public boolean appliesTo(Transport transport) {
		return true;
	}

	/** Makes {@code count} channels; the durations are not used, and a warm-up makes a fifth as many first. */
	@Override
	public List<Measurement> run(Transport transport, Duration warmup, Duration duration) throws Exception {
		if (!warmup.isZero()) {
			connect(transport, Math.max(1, this.count / 5), null);
		}
		Thread.sleep(50);
		int fdsBefore = openFileDescriptors();
		int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
		Histogram histogram = new Histogram(3);
		connect(transport, this.count, histogram);
		Thread.sleep(100); // closing is asynchronous in places
		int leakedFds = openFileDescriptors() - fdsBefore;
		int leakedThreads = ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore;
		return List.of(Measurement.lowerIsBetter("median", histogram.getValueAtPercentile(50) / 1000.0, "µs"),
				Measurement.lowerIsBetter("p90", histogram.getValueAtPercentile(90) / 1000.0, "µs"),
				Measurement.lowerIsBetter("fds-left", leakedFds, "fds"),
				Measurement.lowerIsBetter("threads-left", leakedThreads, "threads"));
	}

	/** Twice {@code count} channels: making a channel runs much code that a round runs only a few hundred times. */
	@Override
	public void warmUp(Transport transport, Duration duration) throws Exception {
		connect(transport, 2 * this.count, null);
	}

	private static void connect(Transport transport, int count, Histogram histogram) throws Exception {
		checkFileDescriptors(transport, count);
		for (int i = 0; i < count; i++) {
			long start = System.nanoTime();
			AutoCloseable connection = transport.connectAndCall();
			long end = System.nanoTime();
			connection.close();
			if (histogram != null) {
				histogram.recordValue(end - start);
			}
		}
	}

	/**
	 * net.devh's socket channels leak a dozen descriptors each; a long run must fail this measurement rather than
	 * run the JVM out of descriptors, which would break every transport.
	 */
	private static void checkFileDescriptors(Transport transport, int count) {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
			long needed = os.getOpenFileDescriptorCount() + 16L * count;
			if (needed > os.getMaxFileDescriptorCount() * 8 / 10) {
				throw new IllegalStateException("Skipped: " + count + " more channels on " + transport.name()
						+ " could exhaust the limit of " + os.getMaxFileDescriptorCount() + " file descriptors ("
						+ os.getOpenFileDescriptorCount() + " open, as some transports leak them)");
			}
		}
	}

	private static int openFileDescriptors() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
			return (int) os.getOpenFileDescriptorCount();
		}
		return -1;
	}

}
