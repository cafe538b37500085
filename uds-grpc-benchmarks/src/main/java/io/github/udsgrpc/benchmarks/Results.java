package io.github.udsgrpc.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.github.udsgrpc.benchmarks.report.ProfileLayers;

/**
 * Everything one run measured, and the medians and ratios computed from it.
 */
public final class Results {

	/** This starter's bare transport on the Boot 3.5 line. */
	static final String STARTER = "starter-uds";

	/** The metric of the wake-up canary recorded with every measurement. */
	public static final String CANARY = "wakeup-canary";

	private final List<String> transports;

	private final List<Sample> samples = new ArrayList<>();

	private final Map<String, Double> startupMillis = new LinkedHashMap<>();

	private final List<String> failures = new ArrayList<>();

	private final Map<Integer, Double> othersCpuShare = new LinkedHashMap<>();

	private double slowCanaryMicros = Double.NaN;

	private final Map<String, String> lineInfo = new LinkedHashMap<>();

	private final Map<String, String[]> layers = new LinkedHashMap<>();

	private final Map<String, List<ProfileLayers.Window>> windows = new LinkedHashMap<>();

	private final Map<String, Map<String, Map<ProfileLayers.Layer, Integer>>> profiles = new LinkedHashMap<>();

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

	void lineInfo(String key, String value) {
		if (value != null) {
			this.lineInfo.putIfAbsent(key, value);
		}
	}

	void layers(String transport, String server, String client) {
		this.layers.put(transport, new String[] { server, client });
	}

	/**
	 * What the application JVMs of each transport ran with: interceptors and web server of server and client.
	 * @return {@code transport -> {server, client}}
	 */
	public Map<String, String[]> layers() {
		return this.layers;
	}

	/**
	 * What the application JVMs told of their line, e.g. {@code Boot 4.1 versions -> grpc-java 1.84.1, ...}.
	 * @return {@code key -> value}
	 */
	public Map<String, String> lineInfo() {
		return this.lineInfo;
	}

	void window(String transport, String workload, ProfileLayers.Window window) {
		this.windows.computeIfAbsent(transport + " " + workload, (key) -> new ArrayList<>()).add(window);
	}

	/**
	 * When the workloads ran on a transport measured in application JVMs.
	 * @param transport the transport
	 * @param workloads the workloads
	 * @return their time windows (warm-up before each measurement included), empty if none
	 */
	List<ProfileLayers.Window> windows(String transport, List<String> workloads) {
		return workloads.stream()
			.flatMap((workload) -> this.windows.getOrDefault(transport + " " + workload, List.of()).stream())
			.toList();
	}

	void profile(String transport, String role, Map<ProfileLayers.Layer, Integer> samples) {
		this.profiles.computeIfAbsent(transport, (key) -> new LinkedHashMap<>()).put(role, samples);
	}

	/**
	 * Where the Java code of each application JVM spent its time during the unary measurements ({@code --profile}).
	 * @return {@code transport -> role -> samples per layer}
	 */
	public Map<String, Map<String, Map<ProfileLayers.Layer, Integer>>> profiles() {
		return this.profiles;
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
	 * The ratios of each round, for the {@link #ratioPairs() pairs}: on every workload, but against raw-uds on unary
	 * latency only.
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

	/**
	 * What each of this starter's transports is compared with, where both ran: on the Boot 3.5 line net.devh (TCP
	 * and socket), hand-wired grpc-java, Boot 4.1's socket server and the raw socket; on the Boot 4.1 line Boot's
	 * own socket and TCP servers and net.devh's socket; each full application against the others' full
	 * applications and against its own bare transport (what the application's layers cost); every variant
	 * ({@code name[...]}) against its base.
	 */
	private static final Map<String, List<String>> COMPARED = Map.of(
			STARTER, List.of("netdevh-tcp", "handwired-uds", "netdevh-uds", "boot4-uds", "raw-uds"),
			"boot4-starter-uds", List.of("boot4-uds", "boot4-tcp", "netdevh-uds"),
			"app-starter-uds", List.of("app-netdevh-uds", "app-netdevh-tcp", "app-boot4-uds", STARTER),
			"app-boot4-starter-uds", List.of("app-boot4-uds", "app-boot4-tcp", "app-netdevh-uds", "boot4-starter-uds"));

	/**
	 * The targets, in the full-application case: this starter with default settings against a default
	 * net.devh {@code unix:} server and against Boot 4.1's own socket server. {top, bottom} pairs.
	 */
	public static final List<String[]> TARGET_PAIRS = List.of(new String[] { "app-starter-uds", "app-netdevh-uds" },
			new String[] { "app-starter-uds", "app-boot4-uds" },
			new String[] { "app-boot4-starter-uds", "app-boot4-uds" },
			new String[] { "app-boot4-starter-uds", "app-netdevh-uds" });

	/** The same pairs between the bare transports, reported when no full application ran. */
	public static final List<String[]> BARE_TARGET_PAIRS = List.of(new String[] { STARTER, "netdevh-uds" },
			new String[] { STARTER, "boot4-uds" }, new String[] { "boot4-starter-uds", "boot4-uds" },
			new String[] { "boot4-starter-uds", "netdevh-uds" });

	/** The pairs of {@link #ratios()} whose two transports both ran. */
	public List<String[]> ratioPairs() {
		List<String[]> pairs = new ArrayList<>();
		for (String top : this.transports) {
			int bracket = top.indexOf('[');
			String base = (bracket < 0) ? top : top.substring(0, bracket);
			for (String other : COMPARED.getOrDefault(base, List.of())) {
				if (this.transports.contains(other)) {
					pairs.add(new String[] { top, other });
				}
			}
			if (bracket >= 0 && this.transports.contains(base)) {
				pairs.add(new String[] { top, base });
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
	public static double quantile(double[] sorted, double q) {
		double position = q * (sorted.length - 1);
		int below = (int) Math.floor(position);
		int above = Math.min(sorted.length - 1, below + 1);
		return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
	}

}
