package io.github.udsgrpc.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
						+ "first; connect: %d new channels per measurement; unary message: %d payload bytes.%n%n",
				this.started.truncatedTo(ChronoUnit.SECONDS), this.elapsed.toMinutes(), this.elapsed.toSecondsPart(),
				this.options.rounds(), seconds(this.options.duration()), seconds(this.options.warmup()),
				seconds(this.options.initialWarmup()), this.options.connectCount(), Payloads.TINY_SIZE));
		md.append("Arguments: `").append(this.options.arguments().isEmpty() ? "(none)" : String.join(" ", this.options.arguments())).append("`");
		if (!this.options.starterProperties().isEmpty()) {
			md.append("; starter-uds properties: `").append(this.options.starterProperties()).append('`');
		}
		md.append("\n\n");
		md.append(this.options.twoProcess()
				? "Two processes: every transport's server runs in a child JVM of its own (the same java binary, "
						+ "JVM options and class path), this JVM runs every client and measures. grpc-java's in-process "
						+ "transport has no server to move and is left out. "
				: "All servers and clients run in this one JVM. ");
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
		md.append(canaryRow()).append('\n');
		table(md, "| library | version |", "|---|---|", Machine.versions());
		md.append('\n');

		for (Table table : tables()) {
			medians(md, table);
		}
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
								new Column("unary-latency", "cpu/call", "CPU µs/call"))),
				new Table("Unary throughput: N threads making blocking calls in a closed loop (calls/s; higher is better)",
						List.of(new Column("unary-throughput-16", "calls/s", "16 callers"),
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
		md.append("## ").append(table.title()).append("\n\n| transport |");
		table.columns().forEach((c) -> md.append(' ').append(c.header()).append(" |"));
		md.append("\n|---|");
		table.columns().forEach((c) -> md.append("---:|"));
		md.append('\n');
		for (String transport : transports) {
			md.append("| ").append(transport).append(" |");
			for (Column column : table.columns()) {
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
