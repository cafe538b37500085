package io.github.udsgrpc.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.github.udsgrpc.benchmarks.process.AppTransport;
import io.github.udsgrpc.benchmarks.process.TwoProcessTransport;
import io.github.udsgrpc.benchmarks.report.CpuMeter;
import io.github.udsgrpc.benchmarks.report.ProfileLayers;
import io.github.udsgrpc.benchmarks.report.Report;
import io.github.udsgrpc.benchmarks.report.WakeupCanary;
import io.github.udsgrpc.benchmarks.transport.NetdevhTcpTransport;
import io.github.udsgrpc.benchmarks.transport.Side;
import io.github.udsgrpc.benchmarks.transport.Transport;
import io.github.udsgrpc.benchmarks.transport.Transports;
import io.github.udsgrpc.benchmarks.workload.Measurement;
import io.github.udsgrpc.benchmarks.workload.Workload;
import io.github.udsgrpc.benchmarks.workload.Workloads;

/**
 * Runs the suite: starts every transport, warms them all up, then, round after round, measures each workload on
 * every transport in turn, the transports' order rotated by one each round. The transports of
 * {@link AppTransport} are measured by their client JVM; the wake-up canary is timed here around each of them too.
 */
public final class Runner {

	/**
	 * A measurement is made again when the wake-up canary exceeds its usual value by this factor. On the 2-vCPU
	 * machine this was written on, the canary reads about 2 µs when both threads share a vCPU, 5-6 µs when they do
	 * not, and 12-15 µs while the host is busy; gRPC latency then doubles.
	 */
	private static final double SLOW_CANARY_FACTOR = 1.5;

	/** The workloads whose samples the profiles section of the report sums: the unary calls. */
	static final List<String> PROFILED_WORKLOADS = List.of("unary-latency", "unary-throughput-16");

	private final Options options;

	private final PrintStream out;

	public Runner(Options options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	/**
	 * Runs the suite.
	 * @return what was measured
	 * @throws Exception if a transport cannot start
	 */
	public Results run() throws Exception {
		List<Workload> workloads = this.options.workloads()
			.stream()
			.map((name) -> Workloads.create(name, this.options.connectCount()))
			.toList();
		Results results = new Results(this.options.transports());
		// Socket paths must stay under 107 bytes: a short directory under /tmp.
		Path sockets = Files.createTempDirectory(Path.of("/tmp"), "udsb");
		if (this.options.profiles() != null) {
			Files.createDirectories(this.options.profiles());
		}
		List<Transport> transports = new ArrayList<>();
		try {
			for (String name : this.options.transports()) {
				Path socket = sockets.resolve("t" + transports.size() + ".sock");
				int port = NetdevhTcpTransport.freePort();
				Transport transport = Transports.inAppJvms(name)
						? new AppTransport(name, socket, port, this.options.connectCount(),
								this.options.starterProperties(), this.options.profiles(), this.out)
						: this.options.twoProcess()
								? new TwoProcessTransport(name, socket, port, this.options.starterProperties(), this.out)
								: Transports.create(name, Side.BOTH, socket, port, this.options.starterProperties());
				long start = System.nanoTime();
				transport.start();
				transports.add(transport);
				if (transport instanceof AppTransport app) {
					results.lineInfo(app.line() + " versions", app.info().get("client versions"));
					results.layers(name, app.info().get("server layers"), app.info().get("client layers"));
				}
				double millis = (System.nanoTime() - start) / 1e6;
				results.startup(name, millis);
				this.out.printf(Locale.ROOT, "started %-20s in %6.0f ms%n", name, millis);
			}
			double slowCanary = SLOW_CANARY_FACTOR * warmUp(transports, workloads);
			results.slowCanaryMicros(slowCanary);
			for (int round = 1; round <= this.options.rounds(); round++) {
				long roundStart = System.nanoTime();
				CpuMeter cpu = CpuMeter.start();
				this.out.printf("%n== round %d of %d%n", round, this.options.rounds());
				List<Runnable> retries = new ArrayList<>();
				int maxRetries = Math.max(1, measurementsPerRound(transports, workloads) / 4);
				for (Workload workload : workloads) {
					for (Transport transport : rotated(transports, round - 1)) {
						if (applies(workload, transport)) {
							Attempt first = measure(results, round, transport, workload);
							if (first != null && first.canary() > slowCanary && this.options.retrySlow()
									&& retries.size() < maxRetries) {
								this.out.println(first.line() + "  slow wake-ups: again at the end of the round");
								int r = round;
								retries.add(() -> keepQuieter(results, first, measure(results, r, transport, workload)));
							}
							else {
								keep(results, first);
							}
						}
					}
				}
				retries.forEach(Runnable::run);
				double others = cpu.othersShare();
				results.othersCpuShare(round, others);
				this.out.printf(Locale.ROOT, "   round %d took %.1f s; other processes used %.0f%% of the CPUs%n", round,
						(System.nanoTime() - roundStart) / 1e9, others * 100);
			}
		}
		finally {
			Collections.reverse(transports);
			for (Transport transport : transports) {
				try {
					transport.stop();
				}
				catch (Exception ex) {
					this.out.println("stopping " + transport.name() + " failed: " + ex);
				}
			}
			deleteQuietly(sockets);
		}
		if (this.options.profiles() != null) {
			readProfiles(results);
		}
		return results;
	}

	/**
	 * Reads the flight recordings of the application JVMs, written when they stopped: where each one's Java code
	 * spent its time during the unary measurements (see ProfileLayers).
	 */
	private void readProfiles(Results results) {
		for (String transport : this.options.transports()) {
			List<ProfileLayers.Window> windows = results.windows(transport, PROFILED_WORKLOADS);
			if (!Transports.inAppJvms(transport) || windows.isEmpty()) {
				continue;
			}
			for (String role : List.of("server", "client")) {
				Path recording = this.options.profiles().resolve(AppTransport.profileFile(transport, role));
				try {
					results.profile(transport, role, ProfileLayers.count(recording, windows));
				}
				catch (IOException ex) {
					results.failure("profile of the " + role + " of " + transport + " (" + recording + "): " + ex);
				}
			}
		}
	}

	/** Whether a workload runs on a transport (a full application's client cannot always make new channels). */
	private static boolean applies(Workload workload, Transport transport) {
		return workload.appliesTo(transport)
				&& (!(transport instanceof AppTransport app) || app.supports(workload.name()));
	}

	/** Runs a workload here, or in the client JVM of an {@link AppTransport}. */
	private static List<Measurement> run(Workload workload, Transport transport, Duration warmup, Duration duration)
			throws Exception {
		// The CPU time of a measurement here: this JVM's and that of the transport's server JVM, if it has one.
		if (transport instanceof TwoProcessTransport split) {
			CpuMeter.countPeers(split.serverPid());
		}
		else {
			CpuMeter.countPeers();
		}
		return (transport instanceof AppTransport app) ? app.run(workload.name(), warmup, duration)
				: workload.run(transport, warmup, duration);
	}

	/**
	 * The JIT warm-up: every workload on every transport, the initial warm-up's time shared out evenly. On two cores
	 * the compiler threads compete with the benchmark's own, so this needs more time than on a big machine: with
	 * less than about half a second per run, the first round is still partly interpreted. The transports of this
	 * JVM share their compiled code (Netty, grpc-java, Spring); the application JVMs of {@link AppTransport} compile
	 * alone, so each of them gets {@code --app-warmup} on top, shared out over its workloads.
	 * @return the wake-up canary's usual value: its 75th percentile over the warm-up
	 */
	private double warmUp(List<Transport> transports, List<Workload> workloads) {
		int runs = measurementsPerRound(transports, workloads);
		Duration each = this.options.initialWarmup().dividedBy(Math.max(1, runs));
		long apps = transports.stream().filter((t) -> t instanceof AppTransport).count();
		this.out.printf(Locale.ROOT, "%nJIT warm-up: %d s over %d runs%s%n", this.options.initialWarmup().toSeconds(),
				runs, (apps == 0) ? ""
						: String.format(Locale.ROOT, ", and %d s more for each of %d transports in application JVMs",
								this.options.appWarmup().toSeconds(), apps));
		List<Double> canaries = new ArrayList<>();
		for (Transport transport : transports) {
			for (Workload workload : workloads) {
				if (applies(workload, transport)) {
					try {
						if (transport instanceof AppTransport app) {
							long own = workloads.stream().filter((w) -> applies(w, transport)).count();
							app.warmUp(workload.name(), each.plus(this.options.appWarmup().dividedBy(Math.max(1, own))));
						}
						else {
							workload.warmUp(transport, each);
						}
					}
					catch (Exception ex) {
						this.out.println("   warm-up of " + workload.name() + " on " + transport.name() + " failed: " + ex);
					}
					canaries.add(WakeupCanary.micros());
				}
			}
		}
		if (canaries.isEmpty()) {
			return Double.NaN;
		}
		Collections.sort(canaries);
		double usual = canaries.get(canaries.size() * 3 / 4);
		this.out.printf(Locale.ROOT, "wake-up canary: %.1f µs usually; above %.1f µs a measurement is made again%n",
				usual, SLOW_CANARY_FACTOR * usual);
		return usual;
	}

	/**
	 * One measurement, with the wake-up canary around it.
	 *
	 * @param samples what it measured
	 * @param canary the slower of the wake-up canaries just before and just after it (µs)
	 * @param line its line of progress output
	 */
	private record Attempt(List<Results.Sample> samples, double canary, String line) {
	}

	private Attempt measure(Results results, int round, Transport transport, Workload workload) {
		try {
			double canaryBefore = WakeupCanary.micros();
			Instant start = Instant.now();
			List<Measurement> measurements = run(workload, transport, this.options.warmup(), this.options.duration());
			if (transport instanceof AppTransport) {
				results.window(transport.name(), workload.name(), new ProfileLayers.Window(start, Instant.now()));
			}
			double canary = Math.max(canaryBefore, WakeupCanary.micros());
			List<Results.Sample> samples = new ArrayList<>();
			StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "   %-20s %-24s", workload.name(),
					transport.name()));
			for (Measurement m : measurements) {
				samples.add(new Results.Sample(round, transport.name(), workload.name(), m.metric(), m.value(), m.unit(),
						m.higherIsBetter()));
				line.append(String.format(Locale.ROOT, " %s=%s", m.metric(), Report.number(m.value())));
			}
			samples.add(new Results.Sample(round, transport.name(), workload.name(), Results.CANARY, canary, "µs",
					false));
			line.append(String.format(Locale.ROOT, "  (wake-up canary %.1f µs)", canary));
			return new Attempt(samples, canary, line.toString());
		}
		catch (Exception ex) {
			String failure = "round " + round + ", " + workload.name() + " on " + transport.name() + ": " + ex;
			results.failure(failure);
			this.out.println("   FAILED " + failure);
			return null;
		}
	}

	private void keep(Results results, Attempt attempt) {
		if (attempt != null) {
			attempt.samples().forEach(results::add);
			this.out.println(attempt.line());
		}
	}

	/** Of a measurement made while wake-ups were slow and its second try, keeps the one with the quieter canary. */
	private void keepQuieter(Results results, Attempt first, Attempt second) {
		boolean secondWins = second != null && second.canary() < first.canary();
		results.retried(secondWins ? second.canary() : first.canary());
		this.out.println(((second != null) ? second.line() : "   (second try failed)")
				+ (secondWins ? "  kept" : "  first try kept"));
		(secondWins ? second : first).samples().forEach(results::add);
	}

	private static int measurementsPerRound(List<Transport> transports, List<Workload> workloads) {
		return (int) transports.stream()
			.mapToLong((t) -> workloads.stream().filter((w) -> applies(w, t)).count())
			.sum();
	}

	static <T> List<T> rotated(List<T> list, int by) {
		List<T> rotated = new ArrayList<>(list);
		Collections.rotate(rotated, -(by % Math.max(1, list.size())));
		return rotated;
	}

	private static void deleteQuietly(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// best effort
		}
	}

}
