package io.github.udsgrpc.benchmarks;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.udsgrpc.benchmarks.transport.Transports;
import io.github.udsgrpc.benchmarks.workload.Workloads;

/**
 * The command line.
 *
 * @param rounds how many times every measurement is made
 * @param duration how long one measurement lasts
 * @param warmup how long a transport runs a workload before each measurement
 * @param initialWarmup the JIT warm-up before the first round, over all transports and workloads
 * @param appWarmup the JIT warm-up of each pair of application JVMs ({@code boot4-*}, {@code app-*}), which compile
 * alone, over its workloads
 * @param connectCount new channels per connect measurement
 * @param transports the transports, in their first round's order
 * @param workloads the workloads to run (names or prefixes of names)
 * @param outputDirectory where the results go
 * @param starterProperties Spring properties for every variant of this starter (both lines, bare and full app)
 * @param retrySlow whether a measurement made while wake-ups were slow is made again at the end of its round
 * @param twoProcess whether every server runs in a child JVM and this JVM is only the client
 * @param profiles where each application JVM ({@code boot4-*}, {@code app-*}) records a flight recording, or null
 * @param arguments the command line as given
 */
public record Options(int rounds, Duration duration, Duration warmup, Duration initialWarmup, Duration appWarmup,
		int connectCount,
		List<String> transports, List<String> workloads, Path outputDirectory, Map<String, String> starterProperties,
		boolean retrySlow, boolean twoProcess, Path profiles, List<String> arguments) {

	/** The workloads of a default run, in this order. */
	public static final List<String> ALL_WORKLOADS = Workloads.ALL;

	/**
	 * The variants {@code --layers} adds to each full application of this starter: one layer off at a time, then
	 * all of them (the application as bare as the bare transports, on the full application's class path).
	 */
	public static final List<String> LAYERS = List.of("bench.observations=false", "bench.metrics=false",
			"bench.web=false", "bench.web=false,bench.actuator=false");

	/** The transports {@code --layers} makes variants of. */
	static final List<String> LAYERED = List.of("app-starter-uds", "app-boot4-starter-uds");

	static final String USAGE = """
			Usage: java -jar uds-grpc-benchmarks/target/uds-grpc-benchmarks.jar [options]

			  --rounds=N              rounds; every measurement is made once per round (default 5)
			  --duration=T            length of one measurement, e.g. 2s or 500ms (default 1s)
			  --warmup=T              warm-up before each measurement (default 300ms)
			  --initial-warmup=T      JIT warm-up before the first round, shared by all transports and
			                          workloads (default 30s)
			  --app-warmup=T          JIT warm-up of each boot4-* and app-* transport before the first round: its
			                          JVMs compile alone (default 20s; --quick: 3s)
			  --connect-count=N       new channels per connect measurement (default 100)
			  --transports=A,B,...    default: starter-uds,netdevh-tcp,netdevh-uds,boot4-starter-uds,boot4-uds,
			                          boot4-tcp,handwired-uds,inprocess,raw-uds; also app-starter-uds,
			                          app-netdevh-uds,app-netdevh-tcp,app-boot4-starter-uds,app-boot4-uds,
			                          app-boot4-tcp (full applications, see --full-app)
			                          starter-uds[key=value,...] adds a starter variant with more Spring properties
			                          (quote it for the shell); several variants may be listed; so do
			                          netdevh-tcp[...], boot4-*[...] and app-*[...]
			  --workloads=A,B,...     names or prefixes, default: unary-latency,unary-throughput-16,
			                          unary-throughput-64,stream-1k,stream-64k,connect
			  --full-app              also the full applications (web, actuator, metrics, observations; server and
			                          client each a JVM of its own) of every Spring transport of both lines
			  --layers                also variants of app-starter-uds and app-boot4-starter-uds with one layer
			                          off at a time: bench.observations, bench.metrics, bench.web, and
			                          bench.web+bench.actuator (implies the two transports)
			  --starter-props=k=v,... Spring properties for every variant of this starter (both lines)
			  --profile=DIR           a flight recording (settings=profile, method-profiling=max) of every boot4-* and app-* JVM in DIR,
			                          named after transport and role; results.md sums their samples by
			                          layer (run it apart: the recordings slow every JVM down)
			  --out=DIR               output directory (default: uds-grpc-benchmarks/target/results)
			  --retry-slow=false      keep measurements made while thread wake-ups were slow (default: make
			                          up to a quarter of a round's measurements again at the end of the
			                          round and keep the quieter try)
			  --two-process           every server in a child JVM (same java, JVM options and class path), this
			                          JVM only the client; inprocess is left out (one JVM by nature)
			  --quick                 smoke run of a minute or two: 2 rounds of 300ms, 5s initial warm-up,
			                          3s app warm-up, 20 channels per connect (later options still override)
			  --help
			""";

	/**
	 * Reads the command line.
	 * @param args the arguments
	 * @return the options
	 * @throws IllegalArgumentException naming the argument that cannot be read
	 */
	public static Options parse(String[] args) {
		boolean quick = Arrays.asList(args).contains("--quick");
		int rounds = quick ? 2 : 5;
		Duration duration = Duration.ofMillis(quick ? 300 : 1000);
		Duration warmup = Duration.ofMillis(quick ? 200 : 300);
		Duration initialWarmup = Duration.ofSeconds(quick ? 5 : 30);
		Duration appWarmup = Duration.ofSeconds(quick ? 3 : 20);
		int connectCount = quick ? 20 : 100;
		List<String> transports = Transports.ALL;
		List<String> workloads = ALL_WORKLOADS;
		Path output = defaultOutputDirectory();
		Map<String, String> starterProperties = new LinkedHashMap<>();
		boolean retrySlow = true;
		boolean twoProcess = false;
		boolean transportsGiven = false;
		boolean fullApp = false;
		boolean layers = false;
		Path profiles = null;
		for (String arg : args) {
			if (arg.equals("--quick")) {
				continue;
			}
			if (arg.equals("--full-app")) {
				fullApp = true;
				continue;
			}
			if (arg.equals("--layers")) {
				layers = true;
				continue;
			}
			if (arg.equals("--two-process")) {
				twoProcess = true;
				continue;
			}
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Cannot read argument '" + arg + "'");
			}
			String value = arg.substring(equals + 1);
			switch (arg.substring(2, equals)) {
				case "rounds" -> rounds = positive(arg, Integer.parseInt(value));
				case "duration" -> duration = duration(value);
				case "warmup" -> warmup = duration(value);
				case "initial-warmup" -> initialWarmup = duration(value);
				case "app-warmup" -> appWarmup = duration(value);
				case "connect-count" -> connectCount = positive(arg, Integer.parseInt(value));
				case "transports" -> {
					transports = splitOutsideBrackets(value);
					transportsGiven = true;
				}
				case "workloads" -> workloads = workloads(splitOutsideBrackets(value));
				case "starter-props" -> starterProperties.putAll(Transports.parseProperties(value));
				case "out" -> output = Path.of(value);
				case "profile" -> profiles = Path.of(value).toAbsolutePath().normalize();
				case "retry-slow" -> retrySlow = Boolean.parseBoolean(value);
				default -> throw new IllegalArgumentException("Unknown option '" + arg + "'");
			}
		}
		List<String> chosen = new ArrayList<>(transports);
		if (fullApp) {
			Transports.APPS.stream().filter((t) -> !chosen.contains(t)).forEach(chosen::add);
		}
		if (layers) {
			for (String app : LAYERED) {
				if (!chosen.contains(app)) {
					chosen.add(app);
				}
				for (String layer : LAYERS) {
					chosen.add(app + "[" + layer + "]");
				}
			}
		}
		transports = chosen;
		transports.forEach(Transports::check);
		if (twoProcess) {
			List<String> oneJvmOnly = transports.stream().filter((t) -> !Transports.canSplit(t)).toList();
			if (transportsGiven && !oneJvmOnly.isEmpty()) {
				throw new IllegalArgumentException("--two-process: " + oneJvmOnly
						+ " cannot run its server in another JVM; leave it out of --transports");
			}
			transports = transports.stream().filter(Transports::canSplit).toList();
		}
		if (transports.isEmpty() || transports.stream().distinct().count() != transports.size()) {
			throw new IllegalArgumentException("--transports must name distinct transports: " + transports);
		}
		return new Options(rounds, duration, warmup, initialWarmup, appWarmup, connectCount, List.copyOf(transports), workloads,
				output.toAbsolutePath().normalize(), Map.copyOf(starterProperties), retrySlow, twoProcess, profiles,
				List.of(args));
	}

	private static int positive(String arg, int value) {
		if (value <= 0) {
			throw new IllegalArgumentException(arg + ": must be positive");
		}
		return value;
	}

	/** {@code 2s}, {@code 1.5s}, {@code 500ms}, or a number of seconds. */
	static Duration duration(String text) {
		String value = text.trim().toLowerCase();
		if (value.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
		}
		if (value.endsWith("s")) {
			value = value.substring(0, value.length() - 1);
		}
		return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
	}

	/** Splits at commas that are not inside {@code [...]}. */
	static List<String> splitOutsideBrackets(String text) {
		List<String> parts = new ArrayList<>();
		int depth = 0;
		StringBuilder current = new StringBuilder();
		for (char c : text.toCharArray()) {
			if (c == ',' && depth == 0) {
				parts.add(current.toString().trim());
				current.setLength(0);
				continue;
			}
			depth += (c == '[') ? 1 : (c == ']') ? -1 : 0;
			current.append(c);
		}
		parts.add(current.toString().trim());
		parts.removeIf(String::isEmpty);
		return parts;
	}

	private static List<String> workloads(List<String> requested) {
		List<String> chosen = new ArrayList<>();
		for (String name : ALL_WORKLOADS) {
			if (requested.stream().anyMatch(name::startsWith)) {
				chosen.add(name);
			}
		}
		for (String request : requested) {
			if (ALL_WORKLOADS.stream().noneMatch((name) -> name.startsWith(request))) {
				throw new IllegalArgumentException("Unknown workload '" + request + "'; known: " + ALL_WORKLOADS);
			}
		}
		return List.copyOf(chosen);
	}

	/** target/results beside the jar (or the classes) this runs from, i.e. uds-grpc-benchmarks/target/results. */
	private static Path defaultOutputDirectory() {
		try {
			Path code = Path.of(Options.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return code.getParent().resolve("results");
		}
		catch (URISyntaxException | RuntimeException ex) {
			Path module = Path.of("uds-grpc-benchmarks");
			return (Files.isDirectory(module) ? module.resolve("target") : Path.of("target")).resolve("results");
		}
	}

}
