package io.github.udsgrpc.autoconfigure.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;

import io.github.udsgrpc.autoconfigure.testsupport.EchoApp;
import io.github.udsgrpc.autoconfigure.testsupport.EchoClients;
import io.github.udsgrpc.boot.UdsGrpcServerStartedEvent;
import io.github.udsgrpc.server.UdsListener;
import io.github.udsgrpc.server.UdsListenerConfigurer;
import io.github.udsgrpc.server.UdsListeners;
import io.github.udsgrpc.socket.UdsAddress;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.echo.EchoRequest;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import net.devh.boot.grpc.server.event.GrpcServerStartedEvent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Whole applications serving and calling over real sockets, with actuator on the class path.
 */
class SocketServerIntegrationTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	@Test
	void servesEveryKindOfCallOnTheSocketAndOpensNoTcpPort() throws Exception {
		Path socket = this.dir.socket("echo.sock");
		int tcpPort = freeTcpPort();
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket,
				"grpc.server.port=" + tcpPort, "grpc.client.echo.address=unix:" + socket)) {
			EchoClients clients = context.getBean(EchoClients.class);

			EchoReply unary = clients.blocking.unary(Calls.request("hi"));
			assertThat(unary.getText()).isEqualTo("hi");
			assertThat(unary.getAuthority()).isEqualTo("localhost");

			Iterator<EchoReply> streamed = clients.blocking
				.serverStream(EchoRequest.newBuilder().setText("n").setCount(3).build());
			assertThat(streamed).toIterable().extracting(EchoReply::getText).containsExactly("n0", "n1", "n2");

			assertThat(Calls.stream(clients.async::clientStream, "a", "b", "c")).containsExactly("abc");
			assertThat(Calls.stream(clients.async::bidi, "x", "y")).containsExactly("X", "Y");

			assertThat(isSocketFile(socket)).isTrue();
			assertThat(isTcpPortOpen(tcpPort)).isFalse();
		}
		assertThat(socket).doesNotExist();
	}

	@Test
	void callsAreObservedByMicrometerWhenActuatorIsPresent() {
		Path socket = this.dir.socket("observed.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket,
				"grpc.client.echo.address=unix:" + socket)) {
			context.getBean(EchoClients.class).blocking.unary(Calls.request("observe me"));

			MeterRegistry meters = context.getBean(MeterRegistry.class);
			Timer client = meters.find("grpc.client").timer();
			assertThat(client).as("client observation timer").isNotNull();
			assertThat(client.count()).isEqualTo(1);
			// The server's observation stops after the reply is on its way, so it may lag the client's.
			Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				Timer server = meters.find("grpc.server").timer();
				assertThat(server).as("server observation timer").isNotNull();
				assertThat(server.count()).isEqualTo(1);
			});
		}
	}

	@Test
	void keepTcpServesTheSameServicesOnTcpAndSocketAtOnce() throws Exception {
		Path socket = this.dir.socket("both.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket,
				"grpc.uds.keep-tcp=true", "grpc.server.address=127.0.0.1", "grpc.server.port=0",
				"grpc.client.echo.address=unix:" + socket)) {
			UdsGrpcServerStartedEvent started = context.getBean(EchoApp.StartedEvents.class)
				.last(UdsGrpcServerStartedEvent.class);
			assertThat(started.getTcpPort()).isPositive();

			ManagedChannel tcp = ManagedChannelBuilder.forAddress("127.0.0.1", started.getTcpPort())
				.usePlaintext()
				.build();
			try {
				assertThat(EchoGrpc.newBlockingStub(tcp).unary(Calls.request("over tcp")).getText())
					.isEqualTo("over tcp");
			}
			finally {
				tcp.shutdownNow();
			}
			assertThat(context.getBean(EchoClients.class).blocking.unary(Calls.request("over socket")).getText())
				.isEqualTo("over socket");
		}
	}

	@Test
	void netDevhPortMinusOneDoesNotSwitchTheSocketServerOff() {
		Path socket = this.dir.socket("minus-one.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket,
				"grpc.server.port=-1", "grpc.uds.keep-tcp=true", "grpc.client.echo.address=unix:" + socket)) {
			assertThat(context.getBean(EchoClients.class).blocking.unary(Calls.request("still here")).getText())
				.isEqualTo("still here");
			assertThat(context.getBean(EchoApp.StartedEvents.class).last(UdsGrpcServerStartedEvent.class).getTcpPort())
				.isEqualTo(-1);
		}
	}

	@Test
	void startedEventsCarryTheSocketPathNotAPort() {
		Path socket = this.dir.socket("events.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket)) {
			EchoApp.StartedEvents events = context.getBean(EchoApp.StartedEvents.class);
			UdsGrpcServerStartedEvent ours = events.last(UdsGrpcServerStartedEvent.class);
			assertThat(ours.getListeners()).extracting(UdsListener::name, UdsListener::path)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("default", socket));
			assertThat(ours.getTcpPort()).isEqualTo(-1);
			GrpcServerStartedEvent netDevh = events.last(GrpcServerStartedEvent.class);
			assertThat(netDevh.getAddress()).isEqualTo("unix:" + socket);
			assertThat(netDevh.getPort()).isEqualTo(-1);
		}
	}

	@Test
	void relativePathsWorkForServerAndClient() {
		Path socket = this.dir.socket("relative.sock");
		Path relative = Path.of("").toAbsolutePath().relativize(socket);
		assertThat(relative.isAbsolute()).isFalse();
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + relative,
				"grpc.client.echo.address=unix:" + relative)) {
			assertThat(context.getBean(EchoClients.class).blocking.unary(Calls.request("relative")).getText())
				.isEqualTo("relative");
			assertThat(context.getBean(UdsListeners.class).primaryAddress()).contains(UdsAddress.file(socket));
		}
	}

	@Test
	void pathsMayUseTheTempDirPlaceholder() {
		String name = "uds-placeholder-" + ProcessHandle.current().pid() + ".sock";
		Path socket = Path.of(System.getProperty("java.io.tmpdir"), name).toAbsolutePath().normalize();
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=${java.io.tmpdir}/" + name,
				"grpc.client.echo.address=unix:${grpc.uds.path}")) {
			assertThat(context.getBean(EchoClients.class).blocking.unary(Calls.request("tmp")).getText())
				.isEqualTo("tmp");
			assertThat(isSocketFile(socket)).isTrue();
		}
		assertThat(socket).doesNotExist();
	}

	@Test
	void tripleSlashTargetsWork() {
		Path socket = this.dir.socket("slashes.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket,
				"grpc.client.echo.address=unix://" + socket)) {
			assertThat(context.getBean(EchoClients.class).blocking.unary(Calls.request("///")).getText())
				.isEqualTo("///");
		}
	}

	@Test
	void selfTargetReachesTheApplicationsOwnSocket() {
		Path socket = this.dir.socket("self.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket,
				"grpc.client.echo.address=self:self")) {
			EchoReply reply = context.getBean(EchoClients.class).blocking.unary(Calls.request("me"));
			assertThat(reply.getText()).isEqualTo("me");
			assertThat(reply.getAuthority()).isEqualTo("localhost");
		}
	}

	@Test
	void healthAndReflectionAnswerAHandWiredClient() throws Exception {
		Path socket = this.dir.socket("health.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket);
				HandWiredChannel channel = new HandWiredChannel(socket)) {
			assertThat(context.isRunning()).isTrue();
			HealthCheckResponse health = HealthGrpc.newBlockingStub(channel.channel())
				.check(HealthCheckRequest.getDefaultInstance());
			assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
			assertThat(EchoGrpc.newBlockingStub(channel.channel()).unary(Calls.request("raw")).getAuthority())
				.as("grpc-java's own default authority for a socket is its path")
				.isEqualTo(socket.toString());
		}
	}

	@Test
	void listenersDeclaredInCodeAllServe() {
		Path api = this.dir.socket("api.sock");
		Path admin = this.dir.socket("admin.sock");
		TwoListeners.api = api;
		TwoListeners.admin = admin;
		try (ConfigurableApplicationContext context = EchoApp.run(new Class<?>[] { TwoListeners.class },
				"grpc.client.echo.address=unix:" + admin)) {
			assertThat(context.getBean(EchoClients.class).blocking.unary(Calls.request("admin")).getText())
				.isEqualTo("admin");
			List<UdsListener> listeners = context.getBean(EchoApp.StartedEvents.class)
				.last(UdsGrpcServerStartedEvent.class)
				.getListeners();
			assertThat(listeners).extracting(UdsListener::name).containsExactly("api.sock", "admin");
			assertThat(isSocketFile(api)).isTrue();
			assertThat(isSocketFile(admin)).isTrue();
		}
		assertThat(api).doesNotExist();
		assertThat(admin).doesNotExist();
	}

	@Test
	void inProcessServerIsKeptBesideTheSocket() {
		Path socket = this.dir.socket("inproc.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket,
				"grpc.server.in-process-name=echo-test", "grpc.client.echo.address=in-process:echo-test")) {
			EchoReply reply = context.getBean(EchoClients.class).blocking.unary(Calls.request("in-process"));
			assertThat(reply.getText()).isEqualTo("in-process");
		}
	}

	static boolean isSocketFile(Path path) {
		try {
			int mode = (Integer) Files.getAttribute(path, "unix:mode");
			return (mode & 0170000) == 0140000;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static int freeTcpPort() throws IOException {
		try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
			return probe.getLocalPort();
		}
	}

	static boolean isTcpPortOpen(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		return null;
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class TwoListeners {

		static Path api;

		static Path admin;

		@org.springframework.context.annotation.Bean
		UdsListenerConfigurer twoSockets() {
			return (listeners) -> listeners.listenUnixSocket(api)
				.listenUnixSocket(admin, (options) -> options.name("admin"));
		}

	}

}
