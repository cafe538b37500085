package io.github.udsgrpc.benchmarks.application;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.github.udsgrpc.benchmarks.driver.DriverProtocol;
import io.github.udsgrpc.benchmarks.workload.Measurement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AppLauncher}: real application JVMs ({@link FakeAppMain}, a line without Spring) started as the
 * harness starts them, and what they tell it on their standard output.
 */
class AppLauncherTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String LAYERS = "layers=interceptors: FakeServerInterceptor; web: none";

	@Test
	void aServerTellsItsLayersThenServesUntilItsInputEndsAndClosesItsApplication() throws Exception {
		try (Child server = Child.start("server", "fake-uds", "0")) {
			assertThat(server.awaitLine((line) -> line.startsWith(DriverProtocol.PREFIX)))
				.isEqualTo(DriverProtocol.PREFIX + DriverProtocol.INFO + " " + LAYERS);
			assertThat(server.awaitLine((line) -> line.startsWith(DriverProtocol.PREFIX)))
				.isEqualTo(DriverProtocol.PREFIX + DriverProtocol.READY);
			Thread.sleep(200);
			assertThat(server.process.isAlive()).as("serving until its input ends").isTrue();
			server.closeInput();
			assertThat(server.awaitLine(FakeAppMain.CLOSED::equals)).isNotNull();
			assertThat(server.awaitExit()).isZero();
		}
	}

	@Test
	void aClientTellsItsVersionsAndLayersRunsWorkloadsAndClosesItsApplication() throws Exception {
		try (Child client = Child.start("client", "fake-uds", Long.toString(ProcessHandle.current().pid()))) {
			List<String> announced = new ArrayList<>();
			announced.add(client.awaitLine((line) -> line.startsWith(DriverProtocol.PREFIX)));
			announced.add(client.awaitLine((line) -> line.startsWith(DriverProtocol.PREFIX)));
			// the info lines come in a map's order
			assertThat(announced).containsExactlyInAnyOrder(
					DriverProtocol.PREFIX + DriverProtocol.INFO
							+ " versions=grpc-java 0.0.1, Netty ?, Spring Boot 0.0.2, fake 0.0.3",
					DriverProtocol.PREFIX + DriverProtocol.INFO + " " + LAYERS);
			assertThat(client.awaitLine((line) -> line.startsWith(DriverProtocol.PREFIX)))
				.isEqualTo(DriverProtocol.PREFIX + DriverProtocol.READY + " connect=true");
			client.send("warmup unary-latency 100");
			assertThat(client.awaitLine((line) -> line.startsWith(DriverProtocol.PREFIX)))
				.isEqualTo(DriverProtocol.PREFIX + DriverProtocol.DONE);
			client.send("run unary-latency 100 300");
			String result = client.awaitLine((line) -> line.startsWith(DriverProtocol.PREFIX));
			assertThat(result).startsWith(DriverProtocol.PREFIX + DriverProtocol.RESULT + " ");
			List<Measurement> measurements = DriverProtocol
				.decode(result.substring((DriverProtocol.PREFIX + DriverProtocol.RESULT + " ").length()));
			double p50 = value(measurements, "p50");
			double calls = value(measurements, "calls/s");
			System.out.printf("[apps] in-process unary latency in the fake client JVM: p50 %.1f µs, %.0f calls/s%n",
					p50, calls);
			assertThat(p50).isPositive();
			assertThat(calls).isPositive();
			client.send("run no-such-workload 1 1");
			assertThat(client.awaitLine((line) -> line.startsWith(DriverProtocol.PREFIX)))
				.startsWith(DriverProtocol.PREFIX + DriverProtocol.FAILED + " ")
				.contains("no-such-workload");
			client.closeInput();
			assertThat(client.awaitLine(FakeAppMain.CLOSED::equals)).isNotNull();
			assertThat(client.awaitExit()).isZero();
		}
	}

	@Test
	void aFailureToStartIsTheLastLineNamingRoleAndTransport() throws Exception {
		try (Child server = Child.start("server", "fake-uds", "0", "fake.fail=start")) {
			assertThat(server.awaitExit()).isEqualTo(1);
			assertThat(server.lastLine())
				.isEqualTo("Could not start the server of fake-uds: java.lang.IllegalStateException: fake start failed");
			assertThat(server.lines()).doesNotContain(FakeAppMain.CLOSED)
				.noneMatch((line) -> line.startsWith(DriverProtocol.PREFIX));
		}
	}

	@Test
	void propertiesThatCannotBeMadeAreAFailureToStart() throws Exception {
		try (Child client = Child.start("client", "fake-tcp", "0", "fake.fail=properties")) {
			assertThat(client.awaitExit()).isEqualTo(1);
			assertThat(client.lastLine()).isEqualTo(
					"Could not start the client of fake-tcp: java.lang.IllegalStateException: fake properties failed");
		}
	}

	@Test
	void aClientWithoutItsChannelClosesItsApplicationAndExitsWithOne() throws Exception {
		try (Child client = Child.start("client", "fake-uds", "0", "fake.fail=transport")) {
			assertThat(client.awaitExit()).isEqualTo(1);
			assertThat(client.lines()).contains("java.lang.IllegalStateException: fake transport failed",
					FakeAppMain.CLOSED);
			assertThat(client.lines()).noneMatch((line) -> line.startsWith(DriverProtocol.PREFIX));
		}
	}

	private static double value(List<Measurement> measurements, String metric) {
		return measurements.stream()
			.filter((m) -> m.metric().equals(metric))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + metric + " in " + measurements))
			.value();
	}

	/** An application JVM on the test class path, its output read line by line. */
	private static final class Child implements AutoCloseable {

		private final Process process;

		private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();

		private final List<String> lines = new ArrayList<>();

		private final Thread reader;

		private Child(Process process) {
			this.process = process;
			this.reader = new Thread(this::read, "child-output-" + process.pid());
			this.reader.setDaemon(true);
			this.reader.start();
		}

		static Child start(String role, String kind, String serverPid, String... properties) throws IOException {
			// Surefire's JVM sees its booter jar as -cp, but java.class.path is the real class path.
			List<String> command = new ArrayList<>(List.of(
					Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
					System.getProperty("java.class.path"), FakeAppMain.class.getName(), role, kind,
					"/tmp/no-such-dir/bench.sock", "4711", serverPid, "5"));
			command.addAll(List.of(properties));
			return new Child(new ProcessBuilder(command).redirectErrorStream(true).start());
		}

		private void read() {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = in.readLine()) != null) {
					synchronized (this.lines) {
						this.lines.add(line);
					}
					this.unread.add(line);
				}
			}
			catch (IOException ex) {
				// the process is gone
			}
		}

		/** The next line that matches, skipping the others. */
		String awaitLine(Predicate<String> matching) throws InterruptedException {
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (true) {
				String line = this.unread.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				if (line == null) {
					throw new AssertionError("No such line within " + TIMEOUT + "; output: " + lines());
				}
				if (matching.test(line)) {
					return line;
				}
			}
		}

		void send(String command) throws IOException {
			OutputStream in = this.process.getOutputStream();
			in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
			in.flush();
		}

		void closeInput() throws IOException {
			this.process.getOutputStream().close();
		}

		/** Waits for the exit and the end of the output. */
		int awaitExit() throws InterruptedException {
			assertThat(this.process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
				.as("exited within %s; output: %s", TIMEOUT, lines())
				.isTrue();
			this.reader.join(TIMEOUT.toMillis());
			return this.process.exitValue();
		}

		List<String> lines() {
			synchronized (this.lines) {
				return new ArrayList<>(this.lines);
			}
		}

		String lastLine() {
			List<String> lines = lines();
			return lines.isEmpty() ? null : lines.get(lines.size() - 1);
		}

		@Override
		public void close() {
			this.process.destroyForcibly();
		}

	}

}
