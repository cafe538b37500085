package io.github.udsgrpc.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.client.UdsChannels;
import io.github.udsgrpc.peer.PeerCredentials;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.whoami.Caller;
import io.github.udsgrpc.test.whoami.WhoAmIGrpc;
import io.github.udsgrpc.test.whoami.WhoAmIRequest;
import io.github.udsgrpc.testsupport.JavaProcess;
import io.github.udsgrpc.testsupport.PlainEchoService;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;

/**
 * The servers, channels and event loops one test of the core's {@link UdsServer} starts, with a plain echo service
 * to serve, all closed at once after the test: channels first, then servers (at once, then waited for), then the
 * event loops given to them, then anything else the test handed over. A test class holds one in a field and closes
 * it from its {@code @AfterEach} method, so it is closed before the test's {@link ShortTempDir} is deleted. It lives
 * in this package, not in {@code testsupport}: the test sources keep the core's layering too (see
 * {@code ArchitectureTests}), and {@code testsupport} is used by the tests of {@code socket}, below {@code server}.
 */
final class UdsServerFixture implements AutoCloseable {

	private static final long WAIT_SECONDS = 10;

	private final PlainEchoService echo = new PlainEchoService();

	private final List<UdsServer> servers = new ArrayList<>();

	private final List<ManagedChannel> channels = new ArrayList<>();

	private final List<UdsEventLoops> eventLoops = new ArrayList<>();

	private final List<AutoCloseable> others = new ArrayList<>();

	/**
	 * The echo service the test's servers share; its held calls are released at close.
	 * @return the echo service
	 */
	PlainEchoService echo() {
		return this.echo;
	}

	/**
	 * Builds a server and starts it; it is shut down at close, also if it fails to start.
	 * @param builder the server's builder
	 * @return the started server
	 * @throws IOException if it cannot start
	 */
	UdsServer start(UdsServer.Builder builder) throws IOException {
		return server(builder.build()).start();
	}

	/**
	 * Shuts down a server the test builds and starts itself at close.
	 * @param server the server
	 * @return the server
	 */
	UdsServer server(UdsServer server) {
		this.servers.add(server);
		return server;
	}

	/**
	 * A channel to a socket file, with the starter's own event loops.
	 * @param socket the socket path
	 * @return the channel, shut down at close
	 */
	ManagedChannel channel(Path socket) {
		return channel(UdsChannels.forTarget("unix:" + socket).build());
	}

	/**
	 * A channel to a socket file on the given event loops (and so on their transport).
	 * @param loops the event loops
	 * @param socket the socket path
	 * @return the channel, shut down at close
	 */
	ManagedChannel channel(UdsEventLoops loops, Path socket) {
		return channel(UdsChannels.using(loops).channelBuilder("unix:" + socket).build());
	}

	/**
	 * Shuts down a channel the test builds itself at close.
	 * @param channel the channel
	 * @return the channel
	 */
	ManagedChannel channel(ManagedChannel channel) {
		this.channels.add(channel);
		return channel;
	}

	/**
	 * A blocking echo stub over a new channel to a socket file, with a deadline of ten seconds.
	 * @param socket the socket path
	 * @return the stub
	 */
	EchoGrpc.EchoBlockingStub stub(Path socket) {
		return EchoGrpc.newBlockingStub(channel(socket)).withDeadlineAfter(WAIT_SECONDS, TimeUnit.SECONDS);
	}

	/**
	 * Closes event loops the test made at close, once the servers and channels on them are shut down.
	 * @param loops the event loops
	 * @return the event loops
	 */
	UdsEventLoops eventLoops(UdsEventLoops loops) {
		this.eventLoops.add(loops);
		return loops;
	}

	/**
	 * Closes anything else the test started (such as a {@link JavaProcess}) at close, last.
	 * @param <T> its type
	 * @param closeable what to close
	 * @return the closeable
	 */
	<T extends AutoCloseable> T closeAfterwards(T closeable) {
		this.others.add(closeable);
		return closeable;
	}

	@Override
	public void close() throws Exception {
		this.echo.release();
		this.channels.forEach(ManagedChannel::shutdownNow);
		for (UdsServer server : this.servers) {
			server.shutdownNow().awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		this.eventLoops.forEach(UdsEventLoops::close);
		for (AutoCloseable other : this.others) {
			other.close();
		}
	}

	/**
	 * Tells callers the credentials {@link PeerCredentials#current()} gives the service method: whether there are
	 * any, the uid, gid and pid (0 when the transport reads none), and whether they equal those an interceptor read
	 * from the call's attributes ({@link PeerCredentials#of(ServerCall)}; only when served as
	 * {@link #withCallAttributes()}, else {@code false}).
	 */
	static final class CredentialsService extends WhoAmIGrpc.WhoAmIImplBase {

		private static final Context.Key<PeerCredentials> FROM_ATTRIBUTES = Context.key("peer-from-attributes");

		/**
		 * The service behind the interceptor that reads the credentials from the call's attributes.
		 * @return the service to add to a server
		 */
		static ServerServiceDefinition withCallAttributes() {
			return ServerInterceptors.intercept(new CredentialsService(), new ServerInterceptor() {

				@Override
				public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
						ServerCallHandler<Q, R> next) {
					PeerCredentials peer = PeerCredentials.of(call).orElse(null);
					return Contexts.interceptCall(Context.current().withValue(FROM_ATTRIBUTES, peer), call, headers,
							next);
				}

			});
		}

		@Override
		public void whoAmI(WhoAmIRequest request, StreamObserver<Caller> responseObserver) {
			Caller.Builder caller = Caller.newBuilder();
			PeerCredentials.current().ifPresent((peer) -> caller.setHasCredentials(true)
				.setUid(peer.uid())
				.setGid(peer.gid())
				.setPid(peer.pid().orElse(0))
				.setAttributesMatchContext(peer.equals(FROM_ATTRIBUTES.get())));
			responseObserver.onNext(caller.build());
			responseObserver.onCompleted();
		}

	}

}
