package io.github.udsgrpc.boot.actuate;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.boot.process.BootLine;
import io.github.udsgrpc.server.ConnectionLimits;
import io.github.udsgrpc.server.UdsListenerConfigurer;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.RawHttp2;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code grpc.uds.max-connections} and {@code grpc.uds.handshake-timeout} in a whole application of a Spring Boot
 * line, with real sockets and real connections: what the limit does to a connection beyond it, how the socket
 * listener metrics ({@link SocketListenerMetrics}, bound by the line's auto-configuration to the registry of Spring
 * Boot's own metrics auto-configuration) and the {@code udsGrpc} health details show it, the handshake timeout
 * closing a peer that never speaks, values that fail startup, and a listener declared in code with its own limit.
 * Each line runs these against its echo application, giving the health details its own health API reports.
 */
public abstract class ConnectionLimitScenarios {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private final BootLine line;

	/**
	 * Creates the scenarios for a Spring Boot line.
	 * @param line the line's echo application
	 */
	protected ConnectionLimitScenarios(BootLine line) {
		this.line = line;
	}

	/**
	 * The details the line's {@code udsGrpc} health indicator reports for one listener, its {@code status}
	 * included.
	 * @param context the running application
	 * @param listener the listener's name
	 * @return the listener's details
	 */
	protected abstract Map<String, Object> listenerHealth(ConfigurableApplicationContext context, String listener);

	@Test
	void aConnectionBeyondTheLimitIsClosedAtOnceAndShowsInMetricsAndHealth() throws Exception {
		Path socket = this.dir.socket("limit.sock");
		try (ConfigurableApplicationContext context = run("grpc.uds.path=" + socket, "grpc.uds.max-connections=2");
				HandWiredChannel first = new HandWiredChannel(socket);
				HandWiredChannel second = new HandWiredChannel(socket)) {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertCalls(first.channel(), "one");
			assertCalls(second.channel(), "two");
			await().atMost(WAIT).untilAsserted(() -> assertThat(gauge(meters, "grpc.uds.connections", "default"))
				.as("open connections").isEqualTo(2));
			assertThat(gauge(meters, "grpc.uds.connections.max", "default")).isEqualTo(2);

			try (SocketChannel third = RawHttp2.connect(socket)) {
				long start = System.nanoTime();
				assertThat(catchThrowableOfType(EOFException.class, () -> RawHttp2.read(third, 1, WAIT)))
					.as("the third connection, closed by the server before any byte")
					.isNotNull();
				System.out.printf("[overload] a third connection against a limit of 2 was closed within %d ms%n",
						TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
			}
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(counter(meters, "grpc.uds.connections.refused", "default"))
					.as("refused connections")
					.isEqualTo(1));
			assertCalls(first.channel(), "still one");
			assertCalls(second.channel(), "still two");
			assertThat(gauge(meters, "grpc.uds.connections", "default")).isEqualTo(2);
			assertThat(counter(meters, "grpc.uds.accept.failures", "default")).isZero();
			assertThat(listenerHealth(context, "default")).containsEntry("status", "UP")
				.containsEntry("connections", 2)
				.containsEntry("maxConnections", 2)
				.containsEntry("refusedConnections", 1L)
				.containsEntry("acceptFailures", 0L);

			first.close();
			await().atMost(WAIT).untilAsserted(() -> assertThat(gauge(meters, "grpc.uds.connections", "default"))
				.as("open connections after one closed").isEqualTo(1));
			assertThat(listenerHealth(context, "default")).containsEntry("connections", 1)
				.containsEntry("refusedConnections", 1L);
		}
	}

	@Test
	void withoutALimitThereIsNoMaximumInMetricsOrHealth() {
		Path socket = this.dir.socket("open.sock");
		try (ConfigurableApplicationContext context = run("grpc.uds.path=" + socket)) {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.find("grpc.uds.connections.max").meters()).isEmpty();
			assertThat(gauge(meters, "grpc.uds.connections", "default")).isZero();
			assertThat(counter(meters, "grpc.uds.connections.refused", "default")).isZero();
			assertThat(listenerHealth(context, "default")).doesNotContainKey("maxConnections")
				.containsEntry("refusedConnections", 0L)
				.containsEntry("acceptFailures", 0L);
		}
	}

	@Test
	void theHandshakeTimeoutClosesAPeerThatNeverSpeaksAndLeavesAGrpcClientAlone() throws Exception {
		Duration handshakeTimeout = Duration.ofMillis(500);
		Path socket = this.dir.socket("silent.sock");
		try (ConfigurableApplicationContext context = run("grpc.uds.path=" + socket,
				"grpc.uds.handshake-timeout=" + handshakeTimeout.toMillis() + "ms");
				HandWiredChannel client = new HandWiredChannel(socket)) {
			assertCalls(client.channel(), "before");
			long start = System.nanoTime();
			long closedMillis;
			try (SocketChannel silent = RawHttp2.connect(socket)) {
				// The server speaks first (its SETTINGS); the peer never sends the preface.
				assertThat(RawHttp2.readSettings(silent, WAIT).type()).isEqualTo(RawHttp2.SETTINGS);
				closedMillis = millisUntilClosed(silent, start, WAIT);
			}
			long defaultMillis = ConnectionLimits.DEFAULT_HANDSHAKE_TIMEOUT.toMillis();
			System.out.printf("[overload] a silent peer was closed %d ms after it connected (handshake-timeout %d ms, "
					+ "default %d ms)%n", closedMillis, handshakeTimeout.toMillis(), defaultMillis);
			// Not before the timeout, and before the default could have closed it: the property took effect.
			assertThat(closedMillis).isGreaterThanOrEqualTo(handshakeTimeout.toMillis()).isLessThan(defaultMillis);
			assertCalls(client.channel(), "after");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(gauge(meters, "grpc.uds.connections", "default")).as("the client's connection").isEqualTo(1);
			assertThat(counter(meters, "grpc.uds.connections.refused", "default")).isZero();
		}
	}

	@Test
	void aConnectionLimitBelowOneFailsStartupNamingTheProperty() {
		Path socket = this.dir.socket("zero.sock");
		InvalidConfigurationPropertyValueException ex = startupFailure("grpc.uds.path=" + socket,
				"grpc.uds.max-connections=0");
		assertThat(ex.getName()).isEqualTo("grpc.uds.max-connections");
		assertThat(ex.getValue()).isEqualTo(0);
		assertThat(ex).hasMessage("Property grpc.uds.max-connections with value '0' is invalid: must be at least 1; "
				+ "leave it unset for no limit");
		assertThat(socket).doesNotExist();
	}

	@Test
	void aHandshakeTimeoutOfZeroFailsStartupNamingTheProperty() {
		Path socket = this.dir.socket("zero.sock");
		InvalidConfigurationPropertyValueException ex = startupFailure("grpc.uds.path=" + socket,
				"grpc.uds.handshake-timeout=0s");
		assertThat(ex.getName()).isEqualTo("grpc.uds.handshake-timeout");
		assertThat(ex.getValue()).isEqualTo(Duration.ZERO);
		assertThat(ex).hasMessage("Property grpc.uds.handshake-timeout with value 'PT0S' is invalid: must be at least "
				+ "1ms");
		assertThat(socket).doesNotExist();
	}

	@Test
	void aListenerInCodeWithItsOwnLimitOverridesThePropertyWhichOthersInherit() throws Exception {
		Path socket = this.dir.socket("default.sock");
		Path admin = this.dir.socket("admin.sock");
		Path inherits = this.dir.socket("inherits.sock");
		try (ConfigurableApplicationContext context = this.line.run(new Class<?>[] { ListenersInCode.class },
				"grpc.uds.path=" + socket, "grpc.uds.max-connections=5", "admin.path=" + admin,
				"inherits.path=" + inherits);
				HandWiredChannel first = new HandWiredChannel(admin);
				HandWiredChannel second = new HandWiredChannel(admin)) {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(gauge(meters, "grpc.uds.connections.max", "default")).isEqualTo(5);
			assertThat(gauge(meters, "grpc.uds.connections.max", "admin")).isEqualTo(1);
			assertThat(gauge(meters, "grpc.uds.connections.max", "inherits")).isEqualTo(5);
			assertThat(listenerHealth(context, "admin")).containsEntry("maxConnections", 1);
			assertThat(listenerHealth(context, "inherits")).containsEntry("maxConnections", 5);

			assertCalls(first.channel(), "admitted");
			StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
					() -> assertCalls(second.channel(), "beyond the admin listener's limit"));
			assertThat(refused).as("a call on a second connection to the admin listener").isNotNull();
			assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(counter(meters, "grpc.uds.connections.refused", "admin")).isPositive());
			assertThat(counter(meters, "grpc.uds.connections.refused", "default")).isZero();
			assertThat(listenerHealth(context, "admin")).containsEntry("connections", 1)
				.hasEntrySatisfying("refusedConnections", (count) -> assertThat((Long) count).isPositive());

			// The property's listener, at 5, takes a second connection.
			try (HandWiredChannel one = new HandWiredChannel(socket);
					HandWiredChannel two = new HandWiredChannel(socket)) {
				assertCalls(one.channel(), "one");
				assertCalls(two.channel(), "two");
			}
			assertThat(counter(meters, "grpc.uds.connections.refused", "default")).isZero();
		}
	}

	private ConfigurableApplicationContext run(String... properties) {
		return this.line.run(new Class<?>[0], properties);
	}

	private InvalidConfigurationPropertyValueException startupFailure(String... properties) {
		Throwable failure = catchThrowable(() -> run(properties).close());
		assertThat(failure).as("the startup failure").isNotNull();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidConfigurationPropertyValueException invalid) {
				return invalid;
			}
		}
		throw new AssertionError("No InvalidConfigurationPropertyValueException among the causes of " + failure,
				failure);
	}

	private static void assertCalls(ManagedChannel channel, String text) {
		assertThat(EchoGrpc.newBlockingStub(channel)
			.withDeadlineAfter(30, TimeUnit.SECONDS)
			.unary(Calls.request(text))
			.getText()).isEqualTo(text);
	}

	private static double gauge(MeterRegistry meters, String name, String listener) {
		return meters.get(name).tag(SocketListenerMetrics.LISTENER_TAG, listener).gauge().value();
	}

	private static double counter(MeterRegistry meters, String name, String listener) {
		return meters.get(name).tag(SocketListenerMetrics.LISTENER_TAG, listener).functionCounter().count();
	}

	/** Reads and drops what the server sends until it closes the connection; the milliseconds since start. */
	private static long millisUntilClosed(SocketChannel peer, long start, Duration timeout) throws IOException {
		while (true) {
			try {
				RawHttp2.read(peer, 1, timeout);
			}
			catch (EOFException ex) {
				return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			}
			catch (IOException ex) {
				if (String.valueOf(ex.getMessage()).startsWith("Read 0 of 1 bytes within")) {
					throw new AssertionError("The server did not close the connection within " + timeout, ex);
				}
				// Reset by the server: closed too.
				return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			}
		}
	}

	/** Two listeners declared in code: one with a connection limit of its own, one that inherits the property's. */
	@Configuration(proxyBeanMethods = false)
	static class ListenersInCode {

		@Bean
		UdsListenerConfigurer limitedListeners(Environment environment) {
			return (listeners) -> listeners
				.listenUnixSocket(Path.of(environment.getProperty("admin.path")),
						(options) -> options.name("admin").maxConnections(1))
				.listenUnixSocket(Path.of(environment.getProperty("inherits.path")),
						(options) -> options.name("inherits"));
		}

	}

}
