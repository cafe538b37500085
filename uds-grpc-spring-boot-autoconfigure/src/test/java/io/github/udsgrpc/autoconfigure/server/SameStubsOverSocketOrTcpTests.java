package io.github.udsgrpc.autoconfigure.server;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.autoconfigure.testsupport.EchoApp;
import io.github.udsgrpc.autoconfigure.testsupport.EchoClients;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.echo.EchoRequest;
import io.github.udsgrpc.testsupport.transport.TestTransport;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import net.devh.boot.grpc.server.event.GrpcServerStartedEvent;
import net.devh.boot.grpc.server.interceptor.GrpcGlobalServerInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/moving-to-tcp.md: one application (the same {@code @GrpcService} and {@code @GrpcClient} classes)
 * started over the socket and then over TCP, with nothing but properties changed. Both runs make the same calls and
 * must get the same replies; what differs is where the server was reached, which the server itself reports.
 */
class SameStubsOverSocketOrTcpTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	@Test
	void theSameApplicationMovesFromTheSocketToTcpByPropertiesAlone() throws Exception {
		Path socket = this.dir.socket("orders.sock");
		int port = SocketServerIntegrationTests.freeTcpPort();

		// One host: the socket only. grpc.server.port is set in both runs, to show that it is not opened here.
		List<String> overSocket;
		try (ConfigurableApplicationContext context = EchoApp.run(new Class<?>[] { TransportRecorder.class },
				"grpc.uds.path=" + socket, "grpc.server.port=" + port,
				"grpc.client.echo.address=unix:" + socket)) {
			overSocket = makeEveryKindOfCall(context.getBean(EchoClients.class));

			assertThat(SocketServerIntegrationTests.isSocketFile(socket)).as("socket file").isTrue();
			assertThat(SocketServerIntegrationTests.isTcpPortOpen(port)).as("TCP port " + port + " open").isFalse();
			List<SocketAddress> local = TransportRecorder.localAddresses(context);
			assertThat(local).hasSize(4).allSatisfy((address) -> {
				assertThat(address).isInstanceOf(TestTransport.addressType());
				// The listener was bound under a private name beside the socket and then linked into place,
				// and the kernel reports the name it was bound to.
				assertThat(TestTransport.pathOf(address)).startsWithRaw(socket.getParent());
			});
			assertThat(TransportRecorder.remoteAddresses(context)).hasSize(4)
				.allSatisfy((address) -> assertThat(address).isInstanceOf(TestTransport.addressType()));
		}
		assertThat(socket).doesNotExist();

		// Outgrown the host: the socket off, the server on net.devh's TCP port, the client dialing it.
		List<String> overTcp;
		try (ConfigurableApplicationContext context = EchoApp.run(new Class<?>[] { TransportRecorder.class },
				"grpc.uds.path=", "grpc.server.address=127.0.0.1", "grpc.server.port=" + port,
				"grpc.client.echo.address=static://127.0.0.1:" + port,
				"grpc.client.echo.negotiation-type=plaintext")) {
			overTcp = makeEveryKindOfCall(context.getBean(EchoClients.class));

			assertThat(socket).as("socket file").doesNotExist();
			assertThat(this.dir.path()).isEmptyDirectory();
			assertThat(SocketServerIntegrationTests.isTcpPortOpen(port)).as("TCP port " + port + " open").isTrue();
			assertThat(context.getBean(EchoApp.StartedEvents.class).last(GrpcServerStartedEvent.class).getPort())
				.isEqualTo(port);
			List<SocketAddress> local = TransportRecorder.localAddresses(context);
			assertThat(local).hasSize(4).allSatisfy((address) -> {
				assertThat(address).isInstanceOf(InetSocketAddress.class);
				assertThat(((InetSocketAddress) address).getPort()).isEqualTo(port);
			});
			assertThat(TransportRecorder.remoteAddresses(context)).hasSize(4)
				.allSatisfy((address) -> assertThat(address).isInstanceOf(InetSocketAddress.class));
		}
		assertThat(SocketServerIntegrationTests.isTcpPortOpen(port)).as("TCP port closed with the context").isFalse();

		assertThat(overTcp).isEqualTo(overSocket)
			.containsExactly("unary:hello", "serverStream:n0,n1,n2", "clientStream:abc", "bidi:X,Y");
	}

	@Test
	void duringTheMoveTheServerAnswersOnBothAndEachClientPicksItsTransport() throws Exception {
		Path socket = this.dir.socket("both.sock");
		int port = SocketServerIntegrationTests.freeTcpPort();
		String[] server = { "grpc.uds.path=" + socket, "grpc.uds.keep-tcp=true", "grpc.server.address=127.0.0.1",
				"grpc.server.port=" + port };
		// The same server properties twice; only the client's address (and negotiation type) differ.
		try (ConfigurableApplicationContext context = EchoApp.run(new Class<?>[] { TransportRecorder.class },
				concat(server, "grpc.client.echo.address=unix:" + socket))) {
			assertThat(makeEveryKindOfCall(context.getBean(EchoClients.class))).hasSize(4);
			assertThat(TransportRecorder.localAddresses(context))
				.allSatisfy((address) -> assertThat(address).isInstanceOf(TestTransport.addressType()));
			assertThat(SocketServerIntegrationTests.isTcpPortOpen(port)).isTrue();
		}
		try (ConfigurableApplicationContext context = EchoApp.run(new Class<?>[] { TransportRecorder.class },
				concat(server, "grpc.client.echo.address=static://127.0.0.1:" + port,
						"grpc.client.echo.negotiation-type=plaintext"))) {
			assertThat(makeEveryKindOfCall(context.getBean(EchoClients.class))).hasSize(4);
			assertThat(TransportRecorder.localAddresses(context))
				.allSatisfy((address) -> assertThat(address).isInstanceOf(InetSocketAddress.class));
			assertThat(SocketServerIntegrationTests.isSocketFile(socket)).isTrue();
		}
	}

	/** One call of each kind, each summed up as {@code method:replies}. */
	private static List<String> makeEveryKindOfCall(EchoClients clients) throws Exception {
		List<String> results = new ArrayList<>();
		results.add("unary:" + clients.blocking.unary(Calls.request("hello")).getText());
		List<String> streamed = new ArrayList<>();
		clients.blocking.serverStream(EchoRequest.newBuilder().setText("n").setCount(3).build())
			.forEachRemaining((EchoReply reply) -> streamed.add(reply.getText()));
		results.add("serverStream:" + String.join(",", streamed));
		results.add("clientStream:" + String.join(",", Calls.stream(clients.async::clientStream, "a", "b", "c")));
		results.add("bidi:" + String.join(",", Calls.stream(clients.async::bidi, "x", "y")));
		return results;
	}

	private static String[] concat(String[] first, String... more) {
		List<String> all = new ArrayList<>(List.of(first));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	/** Records, for every call the server receives, the addresses of the connection it came on. */
	@Configuration(proxyBeanMethods = false)
	static class TransportRecorder {

		private final List<SocketAddress> local = new CopyOnWriteArrayList<>();

		private final List<SocketAddress> remote = new CopyOnWriteArrayList<>();

		@GrpcGlobalServerInterceptor
		ServerInterceptor transportRecordingInterceptor() {
			return new ServerInterceptor() {

				@Override
				public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
						ServerCallHandler<Q, R> next) {
					TransportRecorder.this.local.add(call.getAttributes().get(Grpc.TRANSPORT_ATTR_LOCAL_ADDR));
					TransportRecorder.this.remote.add(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
					return next.startCall(call, headers);
				}
			};
		}

		static List<SocketAddress> localAddresses(ConfigurableApplicationContext context) {
			return List.copyOf(context.getBean(TransportRecorder.class).local);
		}

		static List<SocketAddress> remoteAddresses(ConfigurableApplicationContext context) {
			return List.copyOf(context.getBean(TransportRecorder.class).remote);
		}

	}

}
