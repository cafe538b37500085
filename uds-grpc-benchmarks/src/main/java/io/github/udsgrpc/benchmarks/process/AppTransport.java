package io.github.udsgrpc.benchmarks.process;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.udsgrpc.benchmarks.driver.DriverProtocol;
import io.github.udsgrpc.benchmarks.transport.Transport;
import io.github.udsgrpc.benchmarks.transport.Transports;
import io.github.udsgrpc.benchmarks.workload.Measurement;
import io.grpc.Channel;

/**
 * A transport whose server and client are both application JVMs of their line, started by the harness: the Boot
 * 4.1 line's bare transports ({@code boot4-*}: its application with web and actuator switched off) and the full
 * applications of both lines ({@code app-*}). The client JVM runs the workloads the harness names and answers with
 * what it measured ({@link DriverProtocol}); the harness keeps timing its wake-up canary around each measurement.
 *
 * <p>
 * Each line's JVMs run from its benchmark module's build output, with a class path of their own: the Boot 3.5
 * full application from {@code uds-grpc-benchmarks-app/target}, the Boot 4.1 line from
 * {@code uds-grpc-benchmarks-boot4/target}. For the transports without this starter (net.devh's, Boot's own) the
 * starter's jars are left off the class path, as for a user who never added it.
 */
public final class AppTransport implements Transport {

	/** The layers switched off for the Boot 4.1 line's bare transports: no web server, no actuator. */
	private static final Map<String, String> BARE = Map.of("bench.web", "false", "bench.actuator", "false");

	/** Numbers the application JVMs, for their flight recordings' file names. */
	private static final AtomicInteger STARTED = new AtomicInteger();

	private final String spec;

	private final String kind;

	private final boolean boot4;

	private final Path socket;

	private final int port;

	private final int connectCount;

	private final Map<String, String> properties;

	private final PrintStream out;

	private final Path profiles;

	private ChildJvm server;

	private ChildJvm client;

	private boolean connect;

	private Map<String, String> info = Map.of();

	/**
	 * @param spec the transport, e.g. {@code app-boot4-starter-uds[grpc.uds.low-latency=true]}
	 * @param socket the socket path the server may use
	 * @param port the TCP port the server may use
	 * @param connectCount new channels per connect measurement
	 * @param starterProperties the properties of {@code --starter-props}
	 * @param profiles where each JVM records a flight recording with the profiling settings, or null for none
	 * @param out where the children's output goes
	 */
	public AppTransport(String spec, Path socket, int port, int connectCount, Map<String, String> starterProperties,
			Path profiles, PrintStream out) {
		this.spec = spec;
		String base = Transports.base(spec);
		boolean app = base.startsWith("app-");
		this.kind = app ? base.substring(4) : base;
		this.boot4 = this.kind.startsWith("boot4-");
		this.socket = socket;
		this.port = port;
		this.connectCount = connectCount;
		this.properties = new LinkedHashMap<>(app ? Map.of() : BARE);
		this.properties.putAll(Transports.variantProperties(spec, starterProperties));
		this.profiles = profiles;
		this.out = out;
	}

	@Override
	public String name() {
		return this.spec;
	}

	@Override
	public void start() throws Exception {
		String classPath = String.join(File.pathSeparator, classPath().stream().map(Path::toString).toList());
		// Both JVMs start at once (the client's first call waits until the server is ready), which halves the
		// time to start a transport.
		this.server = spawn("server", classPath, 0);
		try {
			this.client = spawn("client", classPath, this.server.pid());
		}
		catch (IOException ex) {
			this.server.kill();
			throw ex;
		}
		try {
			ChildJvm.Started server = this.server.awaitReady();
			ChildJvm.Started client = this.client.awaitReady();
			this.connect = client.ready().contains("connect=true");
			Map<String, String> info = new LinkedHashMap<>();
			server.info().forEach((key, value) -> info.put("server " + key, value));
			client.info().forEach((key, value) -> info.put("client " + key, value));
			this.info = info;
		}
		catch (IOException ex) {
			this.client.kill();
			this.server.kill();
			throw ex;
		}
	}

	/**
	 * Starts one of the transport's JVMs, named e.g. {@code client app-starter-uds} in the output; a flight
	 * recording of the harness's gets e.g. {@code -app3-client} in its file name.
	 */
	private ChildJvm spawn(String role, String classPath, long serverPid) throws IOException {
		String label = role + " " + this.spec;
		String main = this.boot4 ? "io.github.udsgrpc.benchmarks.boot4.Boot4Main"
				: "io.github.udsgrpc.benchmarks.app.AppMain";
		return ChildJvm.spawn(label, label + " JVM", "app" + STARTED.incrementAndGet() + "-" + role, classPath, main,
				args(role, serverPid), profile(role), this.out);
	}

	/** {@code --profile}: a flight recording of the whole run, named after the transport and the role. */
	private List<String> profile(String role) {
		if (this.profiles == null) {
			return List.of();
		}
		// method-profiling=max: an execution sample every millisecond instead of every 10 ms, or a call of a few
		// hundred µs, mostly spent waiting, gets a sample now and then only.
		return List.of("-XX:StartFlightRecording=settings=profile,method-profiling=max,filename="
				+ this.profiles.resolve(profileFile(this.spec, role)));
	}

	/**
	 * The name of the flight recording of one JVM of a transport ({@code --profile}).
	 * @param spec the transport, as given in {@code --transports}
	 * @param role {@code server} or {@code client}
	 * @return the file name, e.g. {@code app-starter-uds-server.jfr}
	 */
	public static String profileFile(String spec, String role) {
		return spec.replaceAll("[^A-Za-z0-9.=-]+", "_") + "-" + role + ".jfr";
	}

	private List<String> args(String role, long serverPid) {
		List<String> args = new ArrayList<>(List.of(role, this.kind, this.socket.toString(),
				Integer.toString(this.port), Long.toString(serverPid), Integer.toString(this.connectCount)));
		this.properties.forEach((key, value) -> args.add(key + "=" + value));
		return args;
	}

	/** The line's jar and its lib/, without this starter's jars where the transport is not ours. */
	List<Path> classPath() throws IOException {
		Path target = moduleTarget(this.boot4 ? "uds-grpc-benchmarks-boot4" : "uds-grpc-benchmarks-app");
		Path jar = target.resolve(target.getParent().getFileName() + ".jar");
		Path lib = target.resolve("lib");
		if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
			throw new IOException("No " + jar + " with its lib/: build it with "
					+ "./mvnw -Pbenchmarks -pl uds-grpc-benchmarks -am package -DskipTests");
		}
		boolean ours = this.kind.contains("starter-uds");
		List<Path> classPath = new ArrayList<>();
		classPath.add(jar);
		try (Stream<Path> jars = Files.list(lib)) {
			jars.filter((p) -> p.toString().endsWith(".jar"))
				.filter((p) -> ours || !isStarterJar(p.getFileName().toString()))
				.sorted()
				.forEach(classPath::add);
		}
		return classPath;
	}

	/**
	 * Whether a jar is part of this starter (core, common, auto-configuration, starter), as opposed to the
	 * benchmark's own jars.
	 * @param name the file name
	 * @return true for the starter's jars
	 */
	static boolean isStarterJar(String name) {
		return name.startsWith("uds-grpc-") && !name.startsWith("uds-grpc-benchmarks");
	}

	/**
	 * {@code target/} of a benchmark module: beside this module's, found from where this class was loaded
	 * ({@code uds-grpc-benchmarks/target/uds-grpc-benchmarks.jar} or {@code .../target/classes}).
	 * @param module the module's directory name
	 * @return its target directory
	 */
	static Path moduleTarget(String module) {
		try {
			Path code = Path.of(AppTransport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return code.getParent().getParent().getParent().resolve(module).resolve("target");
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Runs a workload in the client JVM.
	 * @param workload its name
	 * @param warmup the warm-up before measuring
	 * @param duration how long to measure
	 * @return what the client measured
	 * @throws IOException if the client failed or did not answer
	 */
	public List<Measurement> run(String workload, Duration warmup, Duration duration) throws IOException {
		String answer = this.client.call("run " + workload + " " + warmup.toMillis() + " " + duration.toMillis(),
				timeout(warmup.plus(duration)));
		if (!answer.startsWith(DriverProtocol.RESULT + " ")) {
			throw new IOException(this.spec + ", " + workload + ": " + answer);
		}
		return DriverProtocol.decode(answer.substring(DriverProtocol.RESULT.length() + 1));
	}

	/**
	 * Warms a workload up in the client JVM.
	 * @param workload its name
	 * @param duration about how long
	 * @throws IOException if the client failed or did not answer
	 */
	public void warmUp(String workload, Duration duration) throws IOException {
		String answer = this.client.call("warmup " + workload + " " + duration.toMillis(), timeout(duration));
		if (!answer.equals(DriverProtocol.DONE)) {
			throw new IOException(this.spec + ", " + workload + ": " + answer);
		}
	}

	/** Streams and connects may take longer than asked for (the last stream is read to its end). */
	private static Duration timeout(Duration asked) {
		return asked.multipliedBy(3).plusSeconds(120);
	}

	/**
	 * Whether the client can run a workload: the connect workload needs channels that can be closed, which
	 * net.devh's factory does not give once interceptors wrap them.
	 * @param workload the workload's name
	 * @return true if it can
	 */
	public boolean supports(String workload) {
		return !workload.equals("connect") || this.connect;
	}

	/**
	 * What the server and the client told of themselves.
	 * @return e.g. {@code client versions -> grpc-java 1.84.1, ...}, {@code server layers -> interceptors: ...}
	 */
	public Map<String, String> info() {
		return this.info;
	}

	/**
	 * The line of this transport, for the report.
	 * @return {@code Boot 4.1} or {@code Boot 3.5}
	 */
	public String line() {
		return this.boot4 ? "Boot 4.1" : "Boot 3.5";
	}

	@Override
	public Channel channel() {
		return null;
	}

	@Override
	public RoundTrip roundTrip() {
		throw new UnsupportedOperationException(this.spec + " is measured in its client JVM");
	}

	@Override
	public AutoCloseable connectAndCall() {
		throw new UnsupportedOperationException(this.spec + " is measured in its client JVM");
	}

	@Override
	public boolean isGrpc() {
		return true;
	}

	@Override
	public void stop() throws Exception {
		try {
			if (this.client != null) {
				this.client.close();
			}
		}
		finally {
			if (this.server != null) {
				this.server.close();
			}
		}
	}

}
