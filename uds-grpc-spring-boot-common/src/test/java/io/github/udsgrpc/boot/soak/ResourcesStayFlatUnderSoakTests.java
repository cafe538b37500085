package io.github.udsgrpc.boot.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.udsgrpc.boot.process.AbstractProcessTests;
import io.github.udsgrpc.boot.process.BootLine;
import io.github.udsgrpc.testsupport.JavaProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A soak against a server process of a Spring Boot line: client processes make connect/call/close cycles (a new
 * grpc-java channel for each) and calls on long-lived channels, as many as the system properties
 * {@value #CYCLES_PROPERTY} and {@value #CALLS_PROPERTY} say (small by default, for CI; see docs/testing.md for the
 * full size). Every call must succeed.
 *
 * <p>
 * The server's descriptors, threads and heap after a full GC are measured from outside ({@link ServerResources})
 * once the first 10% of the work is done and again at the end, each time with every client connection closed and
 * the server settled, and must stay flat: what a connection or a call leaks grows with the 90% done in between,
 * while the slack allowed does not.
 */
@Tag("overload")
public abstract class ResourcesStayFlatUnderSoakTests extends AbstractProcessTests {

	/** Connect/call/close cycles in all, over every cycling client. */
	public static final String CYCLES_PROPERTY = "udsgrpc.soak.cycles";

	/** Calls on long-lived channels in all, over every calling client. */
	public static final String CALLS_PROPERTY = "udsgrpc.soak.calls";

	/** More options for every JVM of the soak (space-separated), such as {@code -XX:TieredStopAtLevel=4}. */
	public static final String JVM_OPTIONS_PROPERTY = "udsgrpc.soak.jvm-options";

	/** About 15 s of cycles on two cores, alongside the calls (the whole test: 40-50 s). */
	static final long DEFAULT_CYCLES = 5_000;

	/** About 25 s of calls on two cores, alongside the cycles. */
	static final long DEFAULT_CALLS = 50_000;

	private static final int CYCLING_CLIENTS = 2;

	private static final int THREADS_PER_CYCLING_CLIENT = 2;

	private static final int CALLING_CLIENTS = 2;

	private static final int THREADS_PER_CALLING_CLIENT = 4;

	/** Calls in flight at once at most: each client thread waits for its call (or cycle) before the next. */
	private static final int CLIENT_THREADS = CYCLING_CLIENTS * THREADS_PER_CYCLING_CLIENT
			+ CALLING_CLIENTS * THREADS_PER_CALLING_CLIENT;

	/**
	 * Descriptors that may open after the 10% sample without leaking: the class-path jar of a class loaded for the
	 * first time later on (the JVM opens a jar when it first loads a class from it). Sockets get none.
	 */
	private static final int DESCRIPTOR_SLACK = 2;

	/**
	 * A helper thread that the JVM, Netty or Spring starts on demand and that ends when idle, such as Netty's global
	 * event executor.
	 */
	private static final int THREAD_SLACK = 1;

	/**
	 * The heap in use after a full GC (about 20 MB) moved by up to 3.2 MB between samples, mostly down (caches
	 * emptied, softly reachable objects); a fifth of it. A leak of 1 KB a cycle or 100 bytes a call exceeds it at the
	 * default size, 50 bytes a cycle or 5 bytes a call at the full size.
	 */
	private static final long HEAP_SLACK_KB = 4 * 1024;

	/** grpc-java's default call executor, a cached thread pool ({@code grpc-default-executor-N}, 15 bytes kept). */
	private static final String CALL_EXECUTOR = "grpc-default-ex";

	/**
	 * HotSpot's JIT compiler threads ({@code C1 CompilerThread0}), started and stopped with its compile queue, and its
	 * GC worker threads ({@code GC Thread#1}), which G1 and the parallel GC start on demand (the soak's JVMs use the
	 * serial GC unless {@value #JVM_OPTIONS_PROPERTY} says otherwise).
	 */
	private static final String[] JVM_WORKERS = { "CompilerThre", "GC Thread" };

	private static final Pattern COUNTS = Pattern
		.compile("ok=(\\d+) failed=(\\d+) millis=(\\d+) cpu=(-?\\d+) (\\{.*\\})");

	protected ResourcesStayFlatUnderSoakTests(BootLine line) {
		super(line);
	}

	@Test
	void descriptorsThreadsAndHeapStayFlat() throws Exception {
		long cycles = Long.getLong(CYCLES_PROPERTY, DEFAULT_CYCLES);
		long calls = Long.getLong(CALLS_PROPERTY, DEFAULT_CALLS);
		String[] jvmOptions = jvmOptions();
		long started = System.nanoTime();
		Path socket = this.dir.socket("echo.sock");
		JavaProcess server = this.processes.start(serverBuilder("server", socket).jvmOptions(jvmOptions))
			.awaitOutput(listeningLine(socket), START_TIMEOUT);
		ServerResources resources = new ServerResources(server.pid());
		ServerResources.Sample idle = resources.sample();
		long serverCpuAtStart = resources.cpuMillis();
		System.out.printf("[soak] %d connect/call/close cycles (%d processes x %d threads) and %d calls on long-lived "
				+ "channels, every %dth server-streaming (%d processes x %d threads); server pid %d, idle after its "
				+ "start: %s%n", cycles, CYCLING_CLIENTS, THREADS_PER_CYCLING_CLIENT, calls, SoakClient.STREAM_EVERY,
				CALLING_CLIENTS, THREADS_PER_CALLING_CLIENT, server.pid(), idle.describe());

		Path go = this.dir.path().resolve("go");
		List<Client> clients = new ArrayList<>();
		for (int i = 0; i < CYCLING_CLIENTS; i++) {
			clients.add(startClient(SoakClient.CYCLES, i, share(cycles, CYCLING_CLIENTS, i),
					THREADS_PER_CYCLING_CLIENT, socket, go, jvmOptions));
		}
		for (int i = 0; i < CALLING_CLIENTS; i++) {
			clients.add(startClient(SoakClient.CALLS, i, share(calls, CALLING_CLIENTS, i), THREADS_PER_CALLING_CLIENT,
					socket, go, jvmOptions));
		}

		// The first 10%, and every client connection closed again.
		Duration firstTimeout = phaseTimeout(cycles / 10, calls / 10);
		for (Client client : clients) {
			client.process.awaitOutput(SoakClient.PHASE_ONE, firstTimeout);
		}
		Totals first = totals(clients, SoakClient.PHASE_ONE, true);
		settle(resources, idle.sockets());
		ServerResources.Sample atTenPercent = resources.sample();
		System.out.printf("[soak] after the first 10%% (%d cycles in %d ms, %d calls in %d ms), connections closed: "
				+ "%s%n", first.cycles, first.cycleMillis, first.calls, first.callMillis, atTenPercent.describe());

		// The other 90%, and the clients gone.
		Files.createFile(go);
		Duration restTimeout = phaseTimeout(cycles - first.cycles, calls - first.calls);
		for (Client client : clients) {
			client.process.awaitOutput(SoakClient.DONE, restTimeout);
			assertThat(client.process.awaitExit(Duration.ofSeconds(30))).as(client.process.describe()).isZero();
		}
		Totals all = totals(clients, SoakClient.DONE, false);
		long serverCpu = resources.cpuMillis() - serverCpuAtStart;
		settle(resources, idle.sockets());
		ServerResources.Sample atEnd = resources.sample();
		long wallMillis = (System.nanoTime() - started) / 1_000_000;
		long restCycles = all.cycles - first.cycles;
		long restCalls = all.calls - first.calls;
		long restCycleMillis = all.cycleMillis;
		long restCallMillis = all.callMillis;
		System.out.printf("[soak] at the end (another %d cycles in %d ms, %d calls in %d ms), clients gone: %s%n",
				restCycles, restCycleMillis, restCalls, restCallMillis, atEnd.describe());
		System.out.printf("[soak] %d cycles and %d calls, none failed; over the last 90%%, side by side: "
				+ "%.0f cycles/s, %.0f calls/s; CPU: server %.1f s, cycling clients %.1f s, calling clients %.1f s; "
				+ "whole test %.1f s%n", all.cycles, all.calls, rate(restCycles, restCycleMillis),
				rate(restCalls, restCallMillis), serverCpu / 1000.0, all.cycleCpu / 1000.0, all.callCpu / 1000.0, wallMillis / 1000.0);
		long heapGrowthKb = atEnd.heapKb() - atTenPercent.heapKb();
		System.out.printf("[soak] from 10%% to the end: descriptors %+d, sockets %+d, threads %+d (call executor %+d, "
				+ "JIT compiler and GC workers %+d, others %+d), heap after GC %+.1f MB; the heap slack of %d MB is "
				+ "%s a cycle or %s a call over the last 90%%%n", atEnd.descriptors() - atTenPercent.descriptors(),
				atEnd.sockets() - atTenPercent.sockets(), atEnd.threads() - atTenPercent.threads(),
				callExecutor(atEnd) - callExecutor(atTenPercent), jvmWorkers(atEnd) - jvmWorkers(atTenPercent),
				otherThreads(atEnd) - otherThreads(atTenPercent), heapGrowthKb / 1024.0, HEAP_SLACK_KB / 1024,
				perUnit(HEAP_SLACK_KB * 1024, restCycles), perUnit(HEAP_SLACK_KB * 1024, restCalls));

		assertThat(server.isAlive()).as("server alive: " + server.describe()).isTrue();
		assertThat(server.output()).as("Netty's leak detector in the server's log").doesNotContain("LEAK:");
		assertThat(atEnd.sockets()).as("server sockets at the end, every client connection closed as at 10%")
			.isEqualTo(atTenPercent.sockets());
		assertThat(atEnd.descriptors()).as("server descriptors at the end, %d at 10%%", atTenPercent.descriptors())
			.isLessThanOrEqualTo(atTenPercent.descriptors() + DESCRIPTOR_SLACK);
		// Event loop threads start with the first connections they get, up to their number: all of them by 10%.
		assertThat(otherThreads(atEnd)).as("server threads at the end, neither the call executor nor JIT "
				+ "compiler or GC workers: %s; at 10%%: %s", atEnd.threadNames(), atTenPercent.threadNames())
			.isLessThanOrEqualTo(otherThreads(atTenPercent) + THREAD_SLACK);
		// A cached pool: a thread per call in flight, idle ones end after 60 s. A call's last task can still run when
		// the same client thread's next call arrives, hence twice.
		assertThat(callExecutor(atEnd)).as("call executor threads at the end: %s", atEnd.threadNames())
			.isLessThanOrEqualTo(2 * CLIENT_THREADS);
		assertThat(atEnd.heapKb()).as("server heap after a full GC at the end, KiB; %d KiB at 10%%",
				atTenPercent.heapKb())
			.isLessThanOrEqualTo(atTenPercent.heapKb() + HEAP_SLACK_KB);
	}

	private Client startClient(String mode, int index, long total, int threads, Path socket, Path go,
			String[] jvmOptions) {
		long first = total / 10;
		JavaProcess process = this.processes.start(JavaProcess.mainClass(mode + "-" + index, SoakClient.class)
			.args(mode, socket.toString(), String.valueOf(first), String.valueOf(total - first),
					String.valueOf(threads), go.toString())
			.jvmOptions(jvmOptions));
		return new Client(process, SoakClient.CYCLES.equals(mode), first, total);
	}

	private static String[] jvmOptions() {
		String options = System.getProperty(JVM_OPTIONS_PROPERTY, "").trim();
		return options.isEmpty() ? new String[0] : options.split("\\s+");
	}

	/**
	 * Waits until the server has closed every client connection (it has as many sockets as when idle after its
	 * start) and its descriptor count has stayed the same for a second; at most 30 s, then the assertions tell.
	 */
	private static void settle(ServerResources resources, int idleSockets) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		int last = -1;
		int unchanged = 0;
		while (System.nanoTime() - deadline < 0) {
			int descriptors = resources.descriptors();
			unchanged = (descriptors == last) ? unchanged + 1 : 0;
			last = descriptors;
			if (unchanged >= 5 && resources.sockets() <= idleSockets) {
				return;
			}
			Thread.sleep(200);
		}
	}

	/**
	 * Every client's counts after a marker, checked (no failure, every unit done) and summed.
	 * @param clients the clients
	 * @param marker the line to read
	 * @param firstPhase whether the line ends the first 10%
	 * @return the sums
	 */
	private static Totals totals(List<Client> clients, String marker, boolean firstPhase) {
		Totals totals = new Totals();
		for (Client client : clients) {
			long[] counts = counts(client, marker);
			long expected = firstPhase ? client.first : client.total;
			assertThat(counts[1]).as("failed units (%s) of %s", marker, client.process.describe()).isZero();
			assertThat(counts[0]).as("units done (%s) by %s", marker, client.process.name()).isEqualTo(expected);
			if (client.cycling) {
				totals.cycles += counts[0];
				totals.cycleMillis = Math.max(totals.cycleMillis, counts[2]);
				totals.cycleCpu += counts[3];
			}
			else {
				totals.calls += counts[0];
				totals.callMillis = Math.max(totals.callMillis, counts[2]);
				totals.callCpu += counts[3];
			}
		}
		return totals;
	}

	/**
	 * A client's counts after a marker: units done so far, units failed so far, milliseconds of the phase the marker
	 * ends, CPU milliseconds of the process so far.
	 */
	private static long[] counts(Client client, String marker) {
		String line = client.process.output()
			.lines()
			.filter((candidate) -> candidate.startsWith(marker))
			.findFirst()
			.orElse("");
		Matcher matcher = COUNTS.matcher(line);
		assertThat(matcher.find()).as("'%s' line in %s", marker, client.process.describe()).isTrue();
		System.out.printf("[soak] %s: %s%n", client.process.name(), line);
		return new long[] { Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)),
				Long.parseLong(matcher.group(3)), Long.parseLong(matcher.group(4)) };
	}

	private static int callExecutor(ServerResources.Sample sample) {
		return threadsNamed(sample.threadNames(), CALL_EXECUTOR);
	}

	private static int jvmWorkers(ServerResources.Sample sample) {
		return threadsNamed(sample.threadNames(), JVM_WORKERS);
	}

	private static int otherThreads(ServerResources.Sample sample) {
		return sample.threads() - callExecutor(sample) - jvmWorkers(sample);
	}

	private static int threadsNamed(Map<String, Integer> names, String... parts) {
		return names.entrySet()
			.stream()
			.filter((entry) -> Arrays.stream(parts).anyMatch(entry.getKey()::contains))
			.mapToInt(Map.Entry::getValue)
			.sum();
	}

	/** A phase's longest wait: two minutes, and ten times what this machine takes for the work. */
	private static Duration phaseTimeout(long cycles, long calls) {
		return Duration.ofMinutes(2).plusMillis(cycles * 30 + calls * 4);
	}

	/** Client {@code index}'s part of {@code total} units, over {@code clients} clients. */
	private static long share(long total, int clients, int index) {
		return total / clients + ((index < total % clients) ? 1 : 0);
	}

	private static double rate(long units, long millis) {
		return (millis > 0) ? units * 1000.0 / millis : 0;
	}

	private static String perUnit(long bytes, long units) {
		return (units > 0) ? (bytes / units) + " bytes" : "n/a";
	}

	private record Client(JavaProcess process, boolean cycling, long first, long total) {
	}

	/** Units summed over the clients (so far), the longest client's time (of the phase), CPU times summed (so far). */
	private static final class Totals {

		long cycles;

		long calls;

		long cycleMillis;

		long callMillis;

		long cycleCpu;

		long callCpu;

	}

}
