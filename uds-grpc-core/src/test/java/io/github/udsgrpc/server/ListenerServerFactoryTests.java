package io.github.udsgrpc.server;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.sun.security.auth.module.UnixSystem;
import io.github.udsgrpc.client.UdsChannels;
import io.github.udsgrpc.peer.PeerCredentials;
import io.github.udsgrpc.socket.SocketTuning;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.testsupport.NettyWarnings;
import io.github.udsgrpc.testsupport.PlainEchoService;
import io.github.udsgrpc.testsupport.RawHttp2;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.github.udsgrpc.testsupport.transport.TestTransport;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.udsgrpc.testsupport.Calls.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ListenerServerFactory}, through the servers a {@link UdsServer} builds with it: what it and the customizers
 * give each listener's server builder really reaches Netty, as seen from outside (on the wire, in the threads that
 * run calls, in Netty's log) and in what runs first on a call.
 */
class ListenerServerFactoryTests {

	private static final int FOUR_MIB = 4 * 1024 * 1024;

	/** grpc-java's window when none is set ({@code DEFAULT_FLOW_CONTROL_WINDOW}). */
	private static final long GRPC_DEFAULT_WINDOW = 1024 * 1024;

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private final Path socket = this.dir.socket("a.sock");

	private final List<UdsServer> servers = new ArrayList<>();

	private final List<ManagedChannel> channels = new ArrayList<>();

	private final List<UdsEventLoops> eventLoops = new ArrayList<>();

	@AfterEach
	void closeEverything() throws InterruptedException {
		for (ManagedChannel channel : this.channels) {
			channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}
		for (UdsServer server : this.servers) {
			server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}
		this.eventLoops.forEach(UdsEventLoops::close);
	}

	@Test
	void aWindowSetByACustomizerIsTheInitialWindowSizeTheServerAnnounces() throws IOException {
		SocketTuning tuning = SocketTuning.DEFAULTS.withFlowControlWindow(FOUR_MIB);
		start(UdsServer.builder()
			.listenUnixSocket(this.socket)
			.customizer((builder, listener) -> tuning.applyTo(builder)));

		assertThat(initialWindowSizeOfServer()).isEqualTo(FOUR_MIB);
	}

	@Test
	void withoutAWindowTheServerAnnouncesGrpcJavasDefault() throws IOException {
		start(UdsServer.builder()
			.listenUnixSocket(this.socket)
			.customizer((builder, listener) -> SocketTuning.DEFAULTS.applyTo(builder)));

		assertThat(initialWindowSizeOfServer()).isEqualTo(GRPC_DEFAULT_WINDOW);
	}

	/**
	 * Speaks HTTP/2 to the server from a plain JDK socket and reads SETTINGS_INITIAL_WINDOW_SIZE from its first
	 * SETTINGS frame.
	 */
	private long initialWindowSizeOfServer() throws IOException {
		try (SocketChannel client = RawHttp2.connect(this.socket)) {
			RawHttp2.write(client, RawHttp2.PREFACE);
			RawHttp2.write(client, RawHttp2.EMPTY_SETTINGS);
			RawHttp2.Frame settings = RawHttp2.readSettings(client, WAIT);
			assertThat(settings.streamId()).isZero();
			assertThat(settings.settings()).containsKey(RawHttp2.SETTINGS_INITIAL_WINDOW_SIZE);
			return settings.settings().get(RawHttp2.SETTINGS_INITIAL_WINDOW_SIZE);
		}
	}

	@Test
	void withADirectExecutorServiceMethodsRunOnTheServersEventLoop() throws Exception {
		UdsEventLoops serverLoops = eventLoops();
		start(UdsServer.builder()
			.listenUnixSocket(this.socket)
			.eventLoops(serverLoops)
			.customizer((builder, listener) -> SocketTuning.DEFAULTS.withDirectExecutor(true).applyTo(builder)));

		String serviceThread = unary(PlainEchoService.THREAD);

		assertThat(serviceThread).startsWith("uds-grpc-").isEqualTo(threadOf(serverLoops));
	}

	@Test
	void withoutADirectExecutorServiceMethodsRunOnGrpcJavasExecutor() throws Exception {
		start(UdsServer.builder()
			.listenUnixSocket(this.socket)
			.eventLoops(eventLoops())
			.customizer((builder, listener) -> SocketTuning.DEFAULTS.applyTo(builder)));

		assertThat(unary(PlainEchoService.THREAD)).startsWith("grpc-default-executor-");
	}

	@Test
	void thePeerCheckRunsBeforeAnyInterceptorACustomizerAdds() throws IOException {
		List<String> intercepted = new CopyOnWriteArrayList<>();
		start(UdsServer.builder()
			.listenUnixSocket(this.socket, (options) -> options.allowedUids(new UnixSystem().getUid() + 1))
			.customizer((builder, listener) -> builder.intercept(recordingMethodsInto(intercepted))));

		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> unary("hello"))
			.extracting(Status::fromThrowable)
			.extracting(Status::getCode)
			.isEqualTo(Status.Code.PERMISSION_DENIED);
		assertThat(intercepted).isEmpty();
	}

	@Test
	void anInterceptorACustomizerAddsFindsThePeersCredentialsInTheCall() throws IOException {
		List<Optional<PeerCredentials>> seen = new CopyOnWriteArrayList<>();
		start(UdsServer.builder()
			.listenUnixSocket(this.socket, (options) -> options.sameUserOnly(true))
			.customizer((builder, listener) -> builder.intercept(new ServerInterceptor() {

				@Override
				public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
						ServerCallHandler<Q, R> next) {
					seen.add(PeerCredentials.of(call));
					return next.startCall(call, headers);
				}

			})));

		assertThat(unary("hello")).isEqualTo("hello");
		assertThat(seen).singleElement()
			.satisfies((credentials) -> assertThat(credentials).get()
				.satisfies((peer) -> assertThat(peer.uid()).isEqualTo(new UnixSystem().getUid()))
				.satisfies((peer) -> assertThat((long) peer.pid().orElse(0))
					.isEqualTo(TestTransport.seenPid(ProcessHandle.current().pid()))));
	}

	@Test
	void acceptedConnectionsGetNoSoKeepAliveWhichNettyWouldWarnAboutOnEachOfThem() throws Exception {
		try (NettyWarnings warnings = new NettyWarnings()) {
			start(UdsServer.builder().listenUnixSocket(this.socket));
			assertThat(unary("hello")).isEqualTo("hello");
			assertThat(warnings.messages()).noneMatch((message) -> message.contains("SO_KEEPALIVE"));

			// What grpc-java would set, put back by a customizer, shows that the warning would be seen.
			Path other = this.dir.socket("b.sock");
			start(UdsServer.builder()
				.listenUnixSocket(other)
				.customizer((builder, listener) -> builder.withChildOption(ChannelOption.SO_KEEPALIVE, true)));
			assertThat(EchoGrpc.newBlockingStub(channel(other)).unary(request("hello")).getText()).isEqualTo("hello");
			assertThat(warnings.messages()).anyMatch((message) -> message.contains("SO_KEEPALIVE"));
		}
	}

	/**
	 * Starts a server that serves the echo service on the listeners it declares.
	 */
	private void start(UdsServer.Builder builder) throws IOException {
		UdsServer server = builder.addService(new PlainEchoService()).build();
		this.servers.add(server);
		server.start();
	}

	private static ServerInterceptor recordingMethodsInto(List<String> intercepted) {
		return new ServerInterceptor() {

			@Override
			public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
					ServerCallHandler<Q, R> next) {
				intercepted.add(call.getMethodDescriptor().getFullMethodName());
				return next.startCall(call, headers);
			}

		};
	}

	private String unary(String text) {
		return EchoGrpc.newBlockingStub(channel(this.socket))
			.withDeadlineAfter(WAIT.toSeconds(), TimeUnit.SECONDS)
			.unary(request(text))
			.getText();
	}

	private ManagedChannel channel(Path target) {
		ManagedChannel channel = UdsChannels.using(eventLoops()).channelBuilder("unix:" + target).build();
		this.channels.add(channel);
		return channel;
	}

	/** Event loops of one thread, so that a thread of theirs is the thread. */
	private UdsEventLoops eventLoops() {
		UdsEventLoops loops = new UdsEventLoops(1);
		this.eventLoops.add(loops);
		return loops;
	}

	private static String threadOf(UdsEventLoops loops) throws Exception {
		return loops.group().submit(() -> Thread.currentThread().getName()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
	}

}
