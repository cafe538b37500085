package io.github.udsgrpc.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Everything one run measured, and the medians and ratios computed from it.
 */
public final class Results {

	/** The transport whose ratios to the others are reported: the base, and every {@code starter-uds[...]}. */
	static final String STARTER = "starter-uds";

	/** The metric of the wake-up canary recorded with every measurement. */
	public static final String CANARY = "wakeup-canary";

	private final List<String> transports;

	private final List<Sample> samples = new ArrayList<>();

	private final Map<String, Double> startupMillis = new LinkedHashMap<>();

	private final List<String> failures = new ArrayList<>();

	private final Map<Integer, Double> othersCpuShare = new LinkedHashMap<>();

	private double slowCanaryMicros = Double.NaN;

	private int retried;

	private int stillSlow;

	Results(List<String> transports) {
		this.transports = List.copyOf(transports);
	}

	/**
	 * One measured value of one round; for a ratio, {@code transport} is {@code A/B}.
	 *
	 * @param round the round, from 1
	 * @param transport the transport, or the pair of a ratio
	 * @param workload the workload
	 * @param metric the metric
	 * @param value the value
	 * @param unit the unit ({@code x} for a ratio)
	 * @param higherIsBetter the metric's direction
	 */
	public record Sample(int round, String transport, String workload, String metric, double value, String unit,
			boolean higherIsBetter) {

		boolean sameMeasure(Sample other) {
			return this.workload.equals(other.workload) && this.metric.equals(other.metric);
		}

	}

	/**
	 * The median across rounds, with the extremes.
	 *
	 * @param median the median
	 * @param min the smallest value
	 * @param max the largest value
	 * @param q1 the first quartile
	 * @param q3 the third quartile
	 * @param unit the unit
	 * @param rounds how many rounds had a value
	 */
	public record Summary(double median, double min, double max, double q1, double q3, String unit, int rounds) {

		/**
		 * Half the interquartile range across rounds, relative to the median: the spread shown as {@code ±x%}. A round
		 * disturbed by the host does not widen it; the full range is in results.csv.
		 */
		public double spread() {
			return (this.median == 0) ? 0 : (this.q3 - this.q1) / 2 / Math.abs(this.median);
		}

	}

	void add(Sample sample) {
		this.samples.add(sample);
	}

	void startup(String transport, double millis) {
		this.startupMillis.put(transport, millis);
	}

	void othersCpuShare(int round, double share) {
		this.othersCpuShare.put(round, share);
	}

	/**
	 * The share of the machine's CPU time that other processes used during each round (see CpuMeter).
	 * @return {@code round -> share}, NaN where unknown
	 */
	public Map<Integer, Double> othersCpuShare() {
		return this.othersCpuShare;
	}

	void slowCanaryMicros(double micros) {
		this.slowCanaryMicros = micros;
	}

	void retried(double keptCanary) {
		this.retried++;
		if (keptCanary > this.slowCanaryMicros) {
			this.stillSlow++;
		}
	}

	/**
	 * The wake-up canary (see WakeupCanary) above which a measurement was made again.
	 * @return µs
	 */
	public double slowCanaryMicros() {
		return this.slowCanaryMicros;
	}

	/**
	 * How many measurements were made again because wake-ups were slow.
	 * @return the count
	 */
	public int retried() {
		return this.retried;
	}

	/**
	 * How many of those were slow the second time too (the quieter try was kept).
	 * @return the count
	 */
	public int stillSlow() {
		return this.stillSlow;
	}

	/**
	 * How many measurements were kept.
	 * @return the count
	 */
	public long measurements() {
		return this.samples.stream().filter((s) -> s.metric().equals(CANARY)).count();
	}

	void failure(String description) {
		this.failures.add(description);
	}

	/** What failed during the run: each failed measurement is missing from the results. */
	public List<String> failures() {
		return this.failures;
	}

	public List<String> transports() {
		return this.transports;
	}

	public Map<String, Double> startupMillis() {
		return this.startupMillis;
	}

	public List<Sample> samples() {
		return this.samples;
	}

	/** The median of a measured value across rounds, if it was measured. */
	public Optional<Summary> summary(String transport, String workload, String metric) {
		return summarize(this.samples, transport, workload, metric);
	}

	/**
	 * The ratios of each round: each starter-uds variant against netdevh-tcp, handwired-uds and netdevh-uds on every
	 * workload, against raw-uds on unary latency, and against the base starter-uds; handwired-uds against raw-uds
	 * on unary latency.
	 * @return one sample per round, pair, workload and metric
	 */
	public List<Sample> ratios() {
		List<Sample> ratios = new ArrayList<>();
		for (String[] pair : ratioPairs()) {
			Predicate<Sample> relevant = pair[1].equals("raw-uds") ? (s) -> s.workload().equals("unary-latency")
					: (s) -> true;
			for (Sample top : this.samples) {
				if (!top.transport().equals(pair[0]) || !relevant.test(top) || !comparable(top)) {
					continue;
				}
				this.samples.stream()
					.filter((bottom) -> bottom.transport().equals(pair[1]) && bottom.round() == top.round()
							&& bottom.sameMeasure(top) && bottom.value() != 0)
					.findFirst()
					.ifPresent((bottom) -> ratios.add(new Sample(top.round(), pair[0] + "/" + pair[1], top.workload(),
							top.metric(), top.value() / bottom.value(), "x", top.higherIsBetter())));
			}
		}
		return ratios;
	}

	/** The pairs of {@link #ratios()} whose two transports both ran. */
	public List<String[]> ratioPairs() {
		List<String[]> pairs = new ArrayList<>();
		for (String starter : this.transports) {
			if (!starter.startsWith(STARTER)) {
				continue;
			}
			for (String other : List.of("netdevh-tcp", "handwired-uds", "netdevh-uds", "raw-uds", STARTER)) {
				if (!other.equals(starter) && this.transports.contains(other)) {
					pairs.add(new String[] { starter, other });
				}
			}
		}
		if (this.transports.contains("handwired-uds") && this.transports.contains("raw-uds")) {
			pairs.add(new String[] { "handwired-uds", "raw-uds" });
		}
		return pairs;
	}

	/** Counts of leaked descriptors and threads, and the canary, have no meaningful ratio. */
	private static boolean comparable(Sample sample) {
		return !sample.unit().equals("fds") && !sample.unit().equals("threads") && !sample.metric().equals(CANARY);
	}

	public static Optional<Summary> summarize(Collection<Sample> samples, String transport, String workload, String metric) {
		List<Sample> matching = samples.stream()
			.filter((s) -> s.transport().equals(transport) && s.workload().equals(workload) && s.metric().equals(metric))
			.toList();
		if (matching.isEmpty()) {
			return Optional.empty();
		}
		double[] values = matching.stream().mapToDouble(Sample::value).sorted().toArray();
		int n = values.length;
		return Optional.of(new Summary(quantile(values, 0.5), values[0], values[n - 1], quantile(values, 0.25),
				quantile(values, 0.75), matching.get(0).unit(), n));
	}

	/** A quantile of sorted values, interpolated linearly between the nearest two. */
	static double quantile(double[] sorted, double q) {
		double position = q * (sorted.length - 1);
		int below = (int) Math.floor(position);
		int above = Math.min(sorted.length - 1, below + 1);
		return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
	}

}
