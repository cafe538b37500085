package io.github.udsgrpc.benchmarks.process;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.udsgrpc.benchmarks.driver.DriverProtocol;
import io.github.udsgrpc.benchmarks.transport.NetdevhTcpTransport;
import io.github.udsgrpc.benchmarks.workload.Measurement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The transports measured in application JVMs: real server and client JVMs of the Boot 4.1 module and of the Boot
 * 3.5 full application (their build output must exist: {@code -am} builds them first), called over real sockets.
 */
@Timeout(180) // hang guard only
class AppTransportTests {

	@TempDir(factory = ChildJvmTests.ShortTempDirFactory.class)
	Path sockets;

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	private final PrintStream out = new PrintStream(this.output, true, StandardCharsets.UTF_8);

	@Test
	void bootsOwnSocketServerRunsWithoutTheStarterAndItsClientJvmMeasuresBothJvmsCpu() throws Exception {
		Path socket = this.sockets.resolve("b4.sock");
		AppTransport transport = new AppTransport("boot4-uds", socket, NetdevhTcpTransport.freePort(), 5, Map.of(),
				null, this.out);
		assertThat(transport.classPath()).extracting((p) -> p.getFileName().toString())
			.anyMatch((name) -> name.startsWith("spring-grpc-core"))
			.noneMatch(AppTransport::isStarterJar);
		Set<Long> before = children();
		transport.start();
		Set<Long> started = children();
		started.removeAll(before);
		try {
			assertThat(started).hasSize(2);
			List<Measurement> measured = transport.run("unary-latency", Duration.ofMillis(100),
					Duration.ofMillis(300));
			Map<String, Double> values = values(measured);
			System.out.printf("[bench] boot4-uds in its JVMs: %s%n", values);
			assertThat(values.get("p50")).isPositive();
			assertThat(values.get("calls/s")).isPositive();
			assertThat(values).containsKeys("client-cpu/call", "server-cpu/call");
			assertThat(values.get("cpu/call"))
				.isCloseTo(values.get("client-cpu/call") + values.get("server-cpu/call"), offset(0.01));
			// Bare: no web server, no observation interceptor (Boot's own exception handler stays).
			assertThat(transport.info().get("server layers")).doesNotContain("Observation").endsWith("web: none");
			assertThat(transport.info().get("client layers")).isEqualTo("interceptors: none; web: none");
			assertThat(transport.supports("connect")).isTrue();
			assertThat(values(transport.run("connect", Duration.ZERO, Duration.ZERO))).containsKey("median");
		}
		finally {
			transport.stop(); // throws unless both JVMs exited with status 0
		}
		assertThat(started).allSatisfy((pid) -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
			.isNotEqualTo(Optional.of(true)));
	}

	@Test
	void netDevhFullApplicationCallsOverItsSocketWithObservationsAndMetricsOnBothSides() throws Exception {
		Path socket = this.sockets.resolve("nd.sock");
		AppTransport transport = new AppTransport("app-netdevh-uds", socket, NetdevhTcpTransport.freePort(), 5,
				Map.of(), null, this.out);
		transport.start();
		try {
			// Without the authority override, Micrometer's client observation fails every call on a unix: channel.
			Map<String, Double> values = values(
					transport.run("unary-latency", Duration.ofMillis(100), Duration.ofMillis(300)));
			System.out.printf("[bench] app-netdevh-uds: %s%n", values);
			assertThat(values.get("p50")).isPositive();
			assertThat(transport.info().get("server layers")).contains("ObservationGrpcServerInterceptor",
					"MetricCollectingServerInterceptor", "web: TomcatWebServer");
			assertThat(transport.info().get("client layers")).contains("ObservationGrpcClientInterceptor",
					"MetricCollectingClientInterceptor", "web: TomcatWebServer");
			assertThat(transport.info().get("client versions")).contains("Spring Boot 3.5", "net.devh 3.1.0");
			// net.devh wraps the channels it hands out in the interceptors: they cannot be closed.
			assertThat(transport.supports("connect")).isFalse();
		}
		finally {
			transport.stop();
		}
	}

	@Test
	void resultsCrossTheProtocolUnchanged() {
		List<Measurement> measurements = List.of(new Measurement("p50", 31.25, "µs", false),
				new Measurement("calls/s", 31_999.5, "1/s", true));
		assertThat(DriverProtocol.decode(DriverProtocol.encode(measurements))).isEqualTo(measurements);
	}

	@Test
	void onlyTheStartersOwnJarsAreLeftOffTheClassPath() {
		assertThat(AppTransport.isStarterJar("uds-grpc-spring-boot4-starter-0.1.0-SNAPSHOT.jar")).isTrue();
		assertThat(AppTransport.isStarterJar("uds-grpc-core-0.1.0-SNAPSHOT.jar")).isTrue();
		assertThat(AppTransport.isStarterJar("uds-grpc-benchmarks-workloads-0.1.0-SNAPSHOT.jar")).isFalse();
		assertThat(AppTransport.isStarterJar("spring-grpc-core-1.1.2.jar")).isFalse();
	}

	private static Map<String, Double> values(List<Measurement> measurements) {
		return measurements.stream().collect(Collectors.toMap(Measurement::metric, Measurement::value));
	}

	private static Set<Long> children() {
		return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
	}

}
