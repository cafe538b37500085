package io.github.udsgrpc.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.github.udsgrpc.benchmarks.Options;
import io.github.udsgrpc.benchmarks.Results;
import io.github.udsgrpc.benchmarks.Results.Sample;
import io.github.udsgrpc.benchmarks.Results.Summary;
import io.github.udsgrpc.benchmarks.transport.Payloads;
import io.github.udsgrpc.benchmarks.transport.Transports;

/**
 * Writes results.csv (every round's values and ratios), results.md (medians across rounds, ratios, machine) and
 * results.png (charts).
 *
 * @param options the command line
 * @param results what was measured
 * @param started when the run started
 * @param elapsed how long it took
 * @param loadAtStart the load average when it started
 * @param loadAtEnd the load average when it ended
 */
public record Report(Options options, Results results, Instant started, Duration elapsed, String loadAtStart,
		String loadAtEnd) {

	/** A column of a table: one metric of one workload. */
	record Column(String workload, String metric, String header) {
	}

	/** A table of the medians: one row per transport. */
	record Table(String title, List<Column> columns) {
	}

	/** A wake-up canary median below this marks a machine with fast thread wake-ups. */
	private static final double FAST_WAKEUPS_MICROS = 10;

	/** What the report says of the transports measured in application JVMs. */
	private static final String APP_JVMS = "The `boot4-*` and `app-*` transports run server and client as "
			+ "application JVMs of their line (`boot4-*`: the Boot 4.1 application with web and actuator off; `app-*`: "
			+ "full applications with spring-boot-starter-web, actuator, Micrometer metrics and observations on both "
			+ "sides); the client JVM measures and reports, this JVM times the wake-up canary around each measurement. "
			+ "`client CPU` is the client JVM's, `server CPU` the server JVM's (10 ms resolution). The transports "
			+ "without this starter run without its jars on the class path. The full applications' net.devh clients "
			+ "cannot close channels once interceptors wrap them, so they have no connect measurement. What each application "
			+ "JVM ran with (its gRPC interceptor beans and its web server):\n\n";

	private static final List<Column> RATIO_COLUMNS = List.of(new Column("unary-latency", "p50", "unary p50"),
			new Column("unary-latency", "p99", "unary p99"),
			new Column("unary-throughput-16", "calls/s", "16 callers"),
			new Column("unary-throughput-64", "calls/s", "64 callers"),
			new Column("stream-1k", "MiB/s", "stream 1 KiB"), new Column("stream-64k", "MiB/s", "stream 64 KiB"),
			new Column("connect", "median", "connect"));

	/**
	 * Writes the three files.
	 * @param directory the output directory, created if missing
	 * @return the files written
	 * @throws IOException if writing fails
	 */
	public List<Path> write(Path directory) throws IOException {
		Files.createDirectories(directory);
		Path csv = directory.resolve("results.csv");
		Path md = directory.resolve("results.md");
		Path png = directory.resolve("results.png");
		Files.writeString(csv, csv());
		Files.writeString(md, markdown());
		Charts.write(this.results, png);
		return List.of(csv, md, png);
	}

	String csv() {
		StringBuilder csv = new StringBuilder("round,transport,workload,metric,value,unit,better\n");
		List<Sample> rows = new ArrayList<>(this.results.samples());
		rows.addAll(this.results.ratios());
		this.results.othersCpuShare()
			.forEach((round, share) -> rows.add(new Sample(round, "machine", "noise", "others-cpu", share * 100, "%",
					false)));
		for (Sample s : rows) {
			csv.append(s.round())
				.append(',')
				.append(csvField(s.transport()))
				.append(',')
				.append(s.workload())
				.append(',')
				.append(s.metric())
				.append(',')
				.append(String.format(Locale.ROOT, "%.6g", s.value()))
				.append(',')
				.append(s.unit())
				.append(',')
				.append(s.higherIsBetter() ? "higher" : "lower")
				.append('\n');
		}
		return csv.toString();
	}

	private static String csvField(String value) {
		return (value.contains(",") || value.contains("\"")) ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
	}

	String markdown() {
		StringBuilder md = new StringBuilder("# uds-grpc benchmarks\n\n");
		md.append(String.format(Locale.ROOT,
				"Run %s, took %d min %02d s: %d rounds; each measurement %s after a %s warm-up; %s of JIT warm-up "
						+ "first (and %s more for each transport in application JVMs, which compile alone); connect: "
						+ "%d new channels per measurement; unary message: %d payload bytes.%n%n",
				this.started.truncatedTo(ChronoUnit.SECONDS), this.elapsed.toMinutes(), this.elapsed.toSecondsPart(),
				this.options.rounds(), seconds(this.options.duration()), seconds(this.options.warmup()),
				seconds(this.options.initialWarmup()), seconds(this.options.appWarmup()), this.options.connectCount(),
				Payloads.TINY_SIZE));
		md.append("Arguments: `").append(this.options.arguments().isEmpty() ? "(none)" : String.join(" ", this.options.arguments())).append("`");
		if (!this.options.starterProperties().isEmpty()) {
			md.append("; starter-uds properties: `").append(this.options.starterProperties()).append('`');
		}
		md.append("\n\n");
		boolean here = this.results.transports().stream().anyMatch((t) -> !Transports.inAppJvms(t));
		if (here) {
			md.append(this.options.twoProcess()
					? "Two processes: every Boot 3.5 bare transport's server runs in a child JVM of its own (the same "
							+ "java binary, JVM options and class path), this JVM runs their clients and measures. "
							+ "grpc-java's in-process transport has no server to move and is left out. "
					: "The Boot 3.5 line's bare transports and those without Spring run server and client in this one "
							+ "JVM. ");
		}
		if (this.results.transports().stream().anyMatch(Transports::inAppJvms)) {
			md.append("The `boot4-*` and `app-*` transports run server and client in application JVMs of their own "
					+ "(see below). ");
		}
		md.append("All transports are started before the first round and idle while "
				+ "another is measured. The transports take turns: in each round, every workload is measured on "
				+ "every transport, in an order rotated by one each round. The tables give the median across rounds "
				+ "and, after ±, the spread: half the interquartile range across rounds, relative to the median "
				+ "(results.csv has every round).\n\n");
		table(md, "| | |", "|---|---|", Machine.describe());
		md.append(String.format("| load average (1, 5, 15 min) | %s at start, %s at end |%n", this.loadAtStart,
				this.loadAtEnd));
		md.append("| other processes' share of the CPUs, per round | ")
			.append(this.results.othersCpuShare()
				.values()
				.stream()
				.map((share) -> share.isNaN() ? "?" : percent(share))
				.collect(Collectors.joining(", ")))
			.append(" |\n");
		md.append(canaryRow());
		md.append(machineKindRow()).append('\n');
		Map<String, String> versions = new LinkedHashMap<>();
		Machine.versions().forEach((library, version) -> versions.put(library + " (this JVM, Boot 3.5 line)", version));
		this.results.lineInfo().forEach((key, value) -> versions.put(key + " (application JVMs)", value));
		table(md, "| library | version |", "|---|---|", versions);
		md.append('\n');
		if (this.results.transports().stream().anyMatch(Transports::inAppJvms)) {
			md.append(APP_JVMS);
			md.append("| transport | server | client |\n|---|---|---|\n");
			this.results.layers()
				.forEach((transport, sides) -> md.append("| ").append(transport).append(" | ").append(sides[0])
					.append(" | ").append(sides[1]).append(" |\n"));
			md.append('\n');
		}

		targets(md);
		for (Table table : tables()) {
			medians(md, table);
		}
		layers(md);
		profiles(md);
		ratios(md);
		md.append("## Startup\n\nTime to start each transport's server and open its first channel (first call included), "
				+ "in the order they started (the first pays for loading shared classes).\n\n| transport | ms |\n|---|---:|\n");
		this.results.startupMillis()
			.forEach((transport, millis) -> md.append("| ").append(transport).append(" | ").append(number(millis))
				.append(" |\n"));
		if (!this.results.failures().isEmpty()) {
			md.append("\n## Failures\n\n");
			this.results.failures().forEach((f) -> md.append("- ").append(f).append('\n'));
		}
		return md.toString();
	}

	/** The wake-up canary: its usual value, per round, and what was measured again. */
	private String canaryRow() {
		List<String> perRound = new ArrayList<>();
		for (int round = 1; round <= this.options.rounds(); round++) {
			int r = round;
			double[] values = this.results.samples()
				.stream()
				.filter((s) -> s.round() == r && s.metric().equals(Results.CANARY))
				.mapToDouble(Sample::value)
				.sorted()
				.toArray();
			if (values.length > 0) {
				perRound.add(String.format(Locale.ROOT, "%.1f (max %.1f)", values[values.length / 2],
						values[values.length - 1]));
			}
		}
		double slow = this.results.slowCanaryMicros();
		String retries = !this.options.retrySlow() ? "measurements above " + number(slow) + " µs were kept as they were"
				: this.results.retried() + " of " + this.results.measurements() + " measurements were made again at the "
						+ "end of their round because it was above " + number(slow) + " µs, " + this.results.stillSlow()
						+ " of them slow both times (the quieter try is kept)";
		return "| wake-up canary, µs: two threads waking each other, median per round "
				+ "(see uds-grpc-benchmarks/README.md, Method) | "
				+ String.join(", ", perRound) + "; " + retries + " |\n";
	}

	private List<Table> tables() {
		int channels = this.options.connectCount();
		return List.of(
				new Table("Unary latency: 1 caller, blocking calls (µs; lower is better)",
						List.of(new Column("unary-latency", "p50", "p50"), new Column("unary-latency", "p90", "p90"),
								new Column("unary-latency", "p99", "p99"),
								new Column("unary-latency", "p99.9", "p99.9"),
								new Column("unary-latency", "calls/s", "calls/s"),
								new Column("unary-latency", "cpu/call", "CPU µs/call"),
								new Column("unary-latency", "client-cpu/call", "client CPU µs/call"),
								new Column("unary-latency", "server-cpu/call", "server CPU µs/call"))),
				new Table("Unary throughput: N threads making blocking calls in a closed loop (calls/s; higher is better)",
						List.of(new Column("unary-throughput-16", "calls/s", "16 callers"),
								new Column("unary-throughput-16", "cpu/call", "16 callers: CPU µs/call"),
								new Column("unary-throughput-16", "client-cpu/call", "client"),
								new Column("unary-throughput-16", "server-cpu/call", "server"),
								new Column("unary-throughput-64", "calls/s", "64 callers"))),
				new Table("Server streaming: one stream at a time, 8 MiB each, read by an async observer (higher is better)",
						List.of(new Column("stream-1k", "msgs/s", "1 KiB msgs/s"),
								new Column("stream-1k", "MiB/s", "1 KiB MiB/s"),
								new Column("stream-64k", "msgs/s", "64 KiB msgs/s"),
								new Column("stream-64k", "MiB/s", "64 KiB MiB/s"))),
				new Table("Connect: new channel to first reply (µs; lower is better), and what " + channels
						+ " closed channels left open",
						List.of(new Column("connect", "median", "median"), new Column("connect", "p90", "p90"),
								new Column("connect", "fds-left", "fds left"),
								new Column("connect", "threads-left", "threads left"))));
	}

	private void medians(StringBuilder md, Table table) {
		List<String> transports = this.results.transports()
			.stream()
			.filter((t) -> table.columns().stream().anyMatch((c) -> summary(t, c).isPresent()))
			.toList();
		if (transports.isEmpty()) {
			return;
		}
		// The wake-up canary beside every row: the machine's state while that row was measured.
		List<Column> columns = new ArrayList<>(table.columns());
		columns.add(new Column(table.columns().get(0).workload(), Results.CANARY, "wake-up canary µs"));
		md.append("## ").append(table.title()).append("\n\n| transport |");
		columns.forEach((c) -> md.append(' ').append(c.header()).append(" |"));
		md.append("\n|---|");
		columns.forEach((c) -> md.append("---:|"));
		md.append('\n');
		for (String transport : transports) {
			md.append("| ").append(transport).append(" |");
			for (Column column : columns) {
				md.append(' ')
					.append(summary(transport, column).map((s) -> number(s.median()) + " ±" + percent(s.spread()))
						.orElse(""))
					.append(" |");
			}
			md.append('\n');
		}
		md.append('\n');
	}

	private Optional<Summary> summary(String transport, Column column) {
		return this.results.summary(transport, column.workload(), column.metric());
	}

	/** A line under the machine table: which kind of machine the figures come from. */
	private String machineKindRow() {
		double[] canaries = this.results.samples()
			.stream()
			.filter((s) -> s.metric().equals(Results.CANARY))
			.mapToDouble(Sample::value)
			.sorted()
			.toArray();
		if (canaries.length == 0) {
			return "";
		}
		double median = Results.quantile(canaries, 0.5);
		return String.format(Locale.ROOT, "| machine kind | **%s** (wake-up canary median %.1f µs over all "
				+ "measurements; below %.0f µs counts as fast) |%n", (median < FAST_WAKEUPS_MICROS) ? "fast wake-ups"
						: "slow wake-ups", median, FAST_WAKEUPS_MICROS);
	}

	/**
	 * The targets: unary p50 at most 0.75x and 16-caller throughput at least 1.3x those of a default net.devh
	 * {@code unix:} server and of Boot 4.1's own socket server, with full applications; met, or missed by how much.
	 */
	private void targets(StringBuilder md) {
		List<Sample> ratios = this.results.ratios();
		List<String[]> pairs = Results.TARGET_PAIRS.stream().filter(this::ran).toList();
		boolean bare = pairs.isEmpty();
		if (bare) {
			pairs = Results.BARE_TARGET_PAIRS.stream().filter(this::ran).toList();
		}
		if (pairs.isEmpty()) {
			return;
		}
		md.append("## Targets\n\n");
		md.append(bare ? "No full application ran (`--full-app`): the targets are for full applications, these are "
				+ "the bare transports' ratios, for orientation only.\n\n"
				: "Full applications, server and client in JVMs of their own; ratios within each round, median "
						+ "across rounds.\n\n");
		md.append("| ratio | unary p50 (target ≤ 0.75x) | 16 callers (target ≥ 1.3x) |\n|---|---|---|\n");
		for (String[] pair : pairs) {
			String name = pair[0] + "/" + pair[1];
			md.append("| ").append(name).append(" | ")
				.append(target(ratios, name, "unary-latency", "p50", 0.75, false))
				.append(" | ")
				.append(target(ratios, name, "unary-throughput-16", "calls/s", 1.3, true))
				.append(" |\n");
		}
		md.append('\n');
	}

	private boolean ran(String[] pair) {
		return this.results.transports().contains(pair[0]) && this.results.transports().contains(pair[1]);
	}

	private static String target(List<Sample> ratios, String pair, String workload, String metric, double target,
			boolean atLeast) {
		Optional<Summary> summary = Results.summarize(ratios, pair, workload, metric);
		if (summary.isEmpty()) {
			return "not measured";
		}
		double ratio = summary.get().median();
		boolean met = atLeast ? ratio >= target : ratio <= target;
		return String.format(Locale.ROOT, "%.2fx: %s", ratio,
				met ? "**met**" : String.format(Locale.ROOT, "**missed** by %.2fx (needs %.0f%% %s)",
						Math.abs(ratio - target), 100 * Math.abs(ratio - target) / ratio,
						atLeast ? "more throughput" : "less latency"));
	}

	/**
	 * What each layer of a full application of this starter costs: the variants of {@code --layers} against the full
	 * application, in unary p50 and CPU per call of both JVMs (full minus variant: what switching the layer off
	 * buys back).
	 */
	private void layers(StringBuilder md) {
		StringBuilder rows = new StringBuilder();
		for (String full : List.of("app-starter-uds", "app-boot4-starter-uds")) {
			if (!this.results.transports().contains(full)) {
				continue;
			}
			for (String variant : this.results.transports()) {
				if (!variant.startsWith(full + "[") || !Options.LAYERS.contains(
						variant.substring(full.length() + 1, variant.length() - 1))) {
					continue; // only the variants that switch layers off, not those of other settings
				}
				rows.append("| ").append(variant).append(" |");
				for (String[] metric : new String[][] { { "unary-latency", "p50" }, { "unary-latency", "cpu/call" },
						{ "unary-latency", "client-cpu/call" }, { "unary-latency", "server-cpu/call" },
						{ "unary-throughput-16", "cpu/call" } }) {
					Optional<Summary> with = this.results.summary(full, metric[0], metric[1]);
					Optional<Summary> without = this.results.summary(variant, metric[0], metric[1]);
					rows.append(' ')
						.append((with.isPresent() && without.isPresent())
								? number(without.get().median()) + " (" + signed(with.get().median() - without.get().median()) + ")"
								: "")
						.append(" |");
				}
				rows.append('\n');
			}
		}
		if (rows.length() > 0) {
			md.append("## Cost by layer\n\nEach full application of this starter with one layer switched off "
					+ "(`bench.observations=false`: the gRPC observation interceptors; `bench.metrics=false`: on Boot 3.5 "
					+ "net.devh's metric-collecting interceptors, on Boot 4.1 the `grpc` meters of the observations; "
					+ "`bench.web=false`: no servlet web server; `bench.actuator=false`: no actuator or Micrometer "
					+ "auto-configuration at all). Medians; in brackets what the layer costs: the full application's "
					+ "value minus this one's (µs).\n\n| variant | unary p50 µs | CPU µs/call | client CPU µs/call | "
					+ "server CPU µs/call | 16 callers: CPU µs/call |\n|---|---:|---:|---:|---:|---:|\n")
				.append(rows)
				.append('\n');
		}
	}

	/**
	 * Where each application JVM's Java code spent its time during the unary measurements: the share of its
	 * execution samples per layer ({@code --profile}, see ProfileLayers).
	 */
	private void profiles(StringBuilder md) {
		if (this.results.profiles().isEmpty()) {
			return;
		}
		md.append("## Profiles: where the Java code of each application JVM spent its time\n\n")
			.append("From the flight recordings of `--profile`: the execution samples taken while the unary workloads "
					+ "(1 caller and 16 callers) ran on the transport, each counted for the innermost frame of its "
					+ "stack that belongs to a library (a `HashMap` lookup Micrometer makes counts for Micrometer), as a "
					+ "share of all of them. Time in the kernel (socket calls, waking threads) and the JVM's own threads "
					+ "(GC, compiler) is not sampled. *observations*: Micrometer's observation API and gRPC observation "
					+ "interceptors; *metrics*: Micrometer meters and net.devh's metric interceptors; *this starter*: "
					+ "`io.github.udsgrpc` outside the benchmark.\n\n| transport | JVM | samples |");
		for (ProfileLayers.Layer layer : ProfileLayers.Layer.values()) {
			md.append(' ').append(layer.title()).append(" |");
		}
		md.append("\n|---|---|---:|").append("---:|".repeat(ProfileLayers.Layer.values().length)).append('\n');
		this.results.profiles().forEach((transport, roles) -> roles.forEach((role, samples) -> {
			int total = samples.values().stream().mapToInt(Integer::intValue).sum();
			md.append("| ").append(transport).append(" | ").append(role).append(" | ").append(total).append(" |");
			for (ProfileLayers.Layer layer : ProfileLayers.Layer.values()) {
				md.append(' ').append((total == 0) ? "" : share(samples.get(layer) / (double) total)).append(" |");
			}
			md.append('\n');
		}));
		md.append('\n');
	}

	/** A share as a percentage: one decimal below 10%. */
	static String share(double fraction) {
		double percent = 100 * fraction;
		return String.format(Locale.ROOT, (percent < 10) ? "%.1f%%" : "%.0f%%", percent);
	}

	private static String signed(double value) {
		return ((value >= 0) ? "+" : "") + number(value);
	}

	private void ratios(StringBuilder md) {
		List<Sample> ratios = this.results.ratios();
		if (ratios.isEmpty()) {
			return;
		}
		md.append("## Ratios\n\nComputed within each round, then the median across rounds, with the smallest and "
				+ "largest round in brackets. Direction: for latency and connect time (µs) lower is better, so "
				+ "below 1 the first transport is faster; for throughput and streaming higher is better, so above 1 "
				+ "the first transport is faster.\n\n| ratio |");
		RATIO_COLUMNS.forEach((c) -> md.append(' ').append(c.header()).append(" |"));
		md.append("\n|---|");
		RATIO_COLUMNS.forEach((c) -> md.append("---:|"));
		md.append('\n');
		for (String[] pair : this.results.ratioPairs()) {
			String name = pair[0] + "/" + pair[1];
			md.append("| ").append(name).append(" |");
			for (Column column : RATIO_COLUMNS) {
				md.append(' ')
					.append(Results.summarize(ratios, name, column.workload(), column.metric())
						.map((s) -> String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", s.median(), s.min(), s.max()))
						.orElse(""))
					.append(" |");
			}
			md.append('\n');
		}
		md.append('\n');
	}

	private static void table(StringBuilder md, String header, String separator, Map<String, String> rows) {
		md.append(header).append('\n').append(separator).append('\n');
		rows.forEach((key, value) -> md.append("| ").append(key).append(" | ").append(value).append(" |\n"));
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	private static String percent(double fraction) {
		return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
	}

	/**
	 * A number for people: three significant digits or so, thousands grouped.
	 * @param value the number
	 * @return the text
	 */
	public static String number(double value) {
		double magnitude = Math.abs(value);
		if (magnitude >= 100) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		return String.format(Locale.ROOT, (magnitude >= 10) ? "%.1f" : "%.2f", value);
	}

}
