package io.github.udsgrpc.autoconfigure.actuate;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.Map;

import io.github.udsgrpc.server.UdsListenerConfigurer;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.autoconfigure.testsupport.EchoApp;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.testsupport.transport.TestTransport;
import net.devh.boot.grpc.server.serverfactory.GrpcServerLifecycle;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code udsGrpc} health indicator on whole applications serving on real sockets, with the socket file
 * deleted, replaced and the server stopped under it.
 */
class SocketListenerHealthTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private static Health health(ConfigurableApplicationContext context) {
		return context.getBean(UdsGrpcHealthIndicator.class).health();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> listener(Health health, String name) {
		Map<String, Object> listeners = (Map<String, Object>) health.getDetails().get("listeners");
		assertThat(listeners).as("listeners in %s", health).containsKey(name);
		return (Map<String, Object>) listeners.get(name);
	}

	@Test
	void aListeningSocketIsUpWithItsPathModeOwnerGroupConnectionsAndRefusals() throws Exception {
		Path socket = this.dir.socket("up.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket)) {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			PosixFileAttributes file = Files.readAttributes(socket, PosixFileAttributes.class);
			assertThat(listener(health, "default")).containsEntry("status", "UP")
				.containsEntry("path", socket.toString())
				.containsEntry("listening", true)
				.containsEntry("file", "socket")
				.containsEntry("mode", "rw-rw---- (0660)")
				.containsEntry("owner", file.owner().getName())
				.containsEntry("group", file.group().getName())
				.containsEntry("connections", 0)
				.containsEntry("refusedConnections", 0L)
				.containsEntry("acceptFailures", 0L)
				.doesNotContainKeys("maxConnections", "problem");

			try (HandWiredChannel first = new HandWiredChannel(socket);
					HandWiredChannel second = new HandWiredChannel(socket)) {
				EchoGrpc.newBlockingStub(first.channel()).unary(Calls.request("one"));
				EchoGrpc.newBlockingStub(second.channel()).unary(Calls.request("two"));
				// The server counts a connection once its handshake is done, which may trail the first reply.
				Awaitility.await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(listener(health(context), "default")).containsEntry("connections", 2));
			}
			Awaitility.await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(listener(health(context), "default")).containsEntry("connections", 0));
		}
	}

	@Test
	void anAbstractSocketIsUpWithoutFileDetailsAndDownOnceStopped() {
		TestTransport.assumeAbstractNames();
		String name = "@uds-grpc-health-" + ProcessHandle.current().pid();
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + name)) {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(listener(health, "default")).containsEntry("path", name)
				.containsEntry("listening", true)
				.doesNotContainKeys("file", "mode", "owner", "problem");

			context.getBean(GrpcServerLifecycle.class).stop();
			assertThat(health(context).getStatus()).isEqualTo(Status.DOWN);
		}
	}

	@Test
	void aDeletedSocketFileIsDown() throws IOException {
		Path socket = this.dir.socket("deleted.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket)) {
			Files.delete(socket);
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(listener(health, "default")).containsEntry("status", "DOWN")
				.containsEntry("listening", true)
				.containsEntry("file", "missing")
				.hasEntrySatisfying("problem", (problem) -> assertThat(problem.toString()).contains("missing"));
		}
	}

	@Test
	void aRegularFileInPlaceOfTheSocketIsDown() throws IOException {
		Path socket = this.dir.socket("replaced.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket)) {
			Files.delete(socket);
			Files.writeString(socket, "not a socket");
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(listener(health, "default")).containsEntry("file", "regular file")
				.hasEntrySatisfying("problem", (problem) -> assertThat(problem.toString())
					.contains("a regular file, not the one this server bound"));
		}
	}

	@Test
	void anotherServersSocketInPlaceOfOursIsDown() throws IOException {
		Path socket = this.dir.socket("stolen.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket)) {
			Files.delete(socket);
			try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
				other.bind(UnixDomainSocketAddress.of(socket));
				Health health = health(context);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(listener(health, "default")).containsEntry("file", "socket")
					.hasEntrySatisfying("problem",
							(problem) -> assertThat(problem.toString()).contains("another socket, not the one"));
			}
		}
	}

	@Test
	void aStoppedServerIsDown() {
		Path socket = this.dir.socket("stopped.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket)) {
			context.getBean(GrpcServerLifecycle.class).stop();
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(listener(health, "default")).containsEntry("listening", false)
				.containsEntry("file", "missing")
				.containsEntry("problem", "the gRPC server is not listening on this socket");
		}
	}

	@Test
	void everyListenerIsReportedAndOneDownListenerTakesTheIndicatorDown() throws IOException {
		Path first = this.dir.socket("first.sock");
		Path second = this.dir.socket("second.sock");
		try (ConfigurableApplicationContext context = EchoApp.run(new Class<?>[] { SecondListener.class },
				"grpc.uds.path=" + first, "second.path=" + second)) {
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			Files.delete(second);
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(listener(health, "default")).containsEntry("status", "UP");
			assertThat(listener(health, "second")).containsEntry("status", "DOWN")
				.containsEntry("path", second.toString());
			// The actuator's own view, through the health endpoint bean, agrees.
			assertThat(context.getBean(HealthEndpoint.class).health().getStatus()).isEqualTo(Status.DOWN);
		}
	}

	/** A second listener declared in code. */
	static class SecondListener {

		@Bean
		UdsListenerConfigurer second(Environment environment) {
			return (listeners) -> listeners.listenUnixSocket(Path.of(environment.getProperty("second.path")),
					(options) -> options.name("second"));
		}

	}

}
