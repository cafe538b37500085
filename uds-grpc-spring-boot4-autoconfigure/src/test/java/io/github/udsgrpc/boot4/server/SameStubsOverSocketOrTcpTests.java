package io.github.udsgrpc.boot4.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.udsgrpc.boot4.testsupport.EchoApp4;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.echo.EchoRequest;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.github.udsgrpc.testsupport.transport.TestTransport;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.ImportGrpcClients;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/moving-to-tcp.md on Spring Boot 4.1: one application (the same services and the same
 * {@code @ImportGrpcClients} stubs) started over the socket and then over Spring Boot's TCP port, with nothing but
 * properties changed. Both runs make the same calls and must get the same replies; what differs is where the server
 * was reached, which the server itself reports. The Boot 4.1 twin of the Boot 3.5 line's test of the same name.
 */
class SameStubsOverSocketOrTcpTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	@Test
	void theSameApplicationMovesFromTheSocketToTcpByPropertiesAlone() throws Exception {
		Path socket = this.dir.socket("orders.sock");
		int port = freeTcpPort();

		// One host: the socket only. spring.grpc.server.port is set in both runs, to show that it is not opened here.
		List<String> overSocket;
		try (ConfigurableApplicationContext context = run("grpc.uds.path=" + socket,
				"spring.grpc.server.port=" + port, "spring.grpc.client.channel.echo.target=unix:" + socket)) {
			overSocket = makeEveryKindOfCall(context);

			assertThat(isSocketFile(socket)).as("socket file").isTrue();
			assertThat(isTcpPortOpen(port)).as("TCP port " + port + " open").isFalse();
			assertThat(TransportRecorder.localAddresses(context)).hasSize(4).allSatisfy((address) -> {
				assertThat(address).isInstanceOf(TestTransport.addressType());
				// Bound under a private name beside the socket and then linked into place; the kernel reports the
				// name it was bound to.
				assertThat(TestTransport.pathOf(address)).startsWithRaw(socket.getParent());
			});
			assertThat(TransportRecorder.remoteAddresses(context)).hasSize(4)
				.allSatisfy((address) -> assertThat(address).isInstanceOf(TestTransport.addressType()));
		}
		assertThat(socket).doesNotExist();

		// Outgrown the host: the socket off, the server on Boot's TCP port, the client dialing it.
		List<String> overTcp;
		try (ConfigurableApplicationContext context = run("grpc.uds.path=", "spring.grpc.server.address=127.0.0.1",
				"spring.grpc.server.port=" + port, "spring.grpc.client.channel.echo.target=static://127.0.0.1:" + port)) {
			overTcp = makeEveryKindOfCall(context);

			assertThat(socket).as("socket file").doesNotExist();
			assertThat(this.dir.path()).isEmptyDirectory();
			assertThat(isTcpPortOpen(port)).as("TCP port " + port + " open").isTrue();
			assertThat(context.getBeansOfType(GrpcServerLifecycle.class).values())
				.extracting(GrpcServerLifecycle::getPort)
				.containsExactly(port);
			assertThat(TransportRecorder.localAddresses(context)).hasSize(4).allSatisfy((address) -> {
				assertThat(address).isInstanceOf(InetSocketAddress.class);
				assertThat(((InetSocketAddress) address).getPort()).isEqualTo(port);
			});
			assertThat(TransportRecorder.remoteAddresses(context)).hasSize(4)
				.allSatisfy((address) -> assertThat(address).isInstanceOf(InetSocketAddress.class));
		}
		assertThat(isTcpPortOpen(port)).as("TCP port closed with the context").isFalse();

		assertThat(overTcp).isEqualTo(overSocket)
			.containsExactly("unary:hello", "serverStream:n0,n1,n2", "clientStream:abc", "bidi:X,Y");
	}

	@Test
	void duringTheMoveTheServerAnswersOnBothAndEachClientPicksItsTransport() throws Exception {
		Path socket = this.dir.socket("both.sock");
		int port = freeTcpPort();
		String[] server = { "grpc.uds.path=" + socket, "grpc.uds.keep-tcp=true", "spring.grpc.server.address=127.0.0.1",
				"spring.grpc.server.port=" + port };
		// The same server properties twice; only the client's target differs.
		try (ConfigurableApplicationContext context = run(
				concat(server, "spring.grpc.client.channel.echo.target=unix:" + socket))) {
			assertThat(makeEveryKindOfCall(context)).hasSize(4);
			assertThat(TransportRecorder.localAddresses(context))
				.allSatisfy((address) -> assertThat(address).isInstanceOf(TestTransport.addressType()));
			assertThat(isTcpPortOpen(port)).isTrue();
		}
		try (ConfigurableApplicationContext context = run(
				concat(server, "spring.grpc.client.channel.echo.target=static://127.0.0.1:" + port))) {
			assertThat(makeEveryKindOfCall(context)).hasSize(4);
			assertThat(TransportRecorder.localAddresses(context))
				.allSatisfy((address) -> assertThat(address).isInstanceOf(InetSocketAddress.class));
			assertThat(isSocketFile(socket)).isTrue();
		}
	}

	private static ConfigurableApplicationContext run(String... properties) {
		return EchoApp4.run(new Class<?>[] { EchoClients.class, TransportRecorder.class }, properties);
	}

	/** One call of each kind, each summed up as {@code method:replies}. */
	private static List<String> makeEveryKindOfCall(ConfigurableApplicationContext context) throws Exception {
		EchoGrpc.EchoBlockingStub blocking = context.getBean(EchoGrpc.EchoBlockingStub.class);
		EchoGrpc.EchoStub async = context.getBean(EchoGrpc.EchoStub.class);
		List<String> results = new ArrayList<>();
		results.add("unary:" + blocking.unary(Calls.request("hello")).getText());
		List<String> streamed = new ArrayList<>();
		blocking.serverStream(EchoRequest.newBuilder().setText("n").setCount(3).build())
			.forEachRemaining((EchoReply reply) -> streamed.add(reply.getText()));
		results.add("serverStream:" + String.join(",", streamed));
		results.add("clientStream:" + String.join(",", Calls.stream(async::clientStream, "a", "b", "c")));
		results.add("bidi:" + String.join(",", Calls.stream(async::bidi, "x", "y")));
		return results;
	}

	private static String[] concat(String[] first, String... more) {
		List<String> all = new ArrayList<>(List.of(first));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
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
		try (ServerSocket probe = new ServerSocket(0)) {
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

	/** Blocking and async stubs of the channel named {@code echo}. */
	@Configuration(proxyBeanMethods = false)
	@ImportGrpcClients(target = "echo", types = { EchoGrpc.EchoBlockingStub.class, EchoGrpc.EchoStub.class })
	static class EchoClients {

	}

	/** Records, for every call the server receives, the addresses of the connection it came on. */
	@GlobalServerInterceptor
	static class TransportRecorder implements ServerInterceptor {

		private final List<SocketAddress> local = new CopyOnWriteArrayList<>();

		private final List<SocketAddress> remote = new CopyOnWriteArrayList<>();

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
				ServerCallHandler<Q, R> next) {
			this.local.add(call.getAttributes().get(Grpc.TRANSPORT_ATTR_LOCAL_ADDR));
			this.remote.add(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
			return next.startCall(call, headers);
		}

		static List<SocketAddress> localAddresses(ConfigurableApplicationContext context) {
			return List.copyOf(context.getBean(TransportRecorder.class).local);
		}

		static List<SocketAddress> remoteAddresses(ConfigurableApplicationContext context) {
			return List.copyOf(context.getBean(TransportRecorder.class).remote);
		}

	}

}
