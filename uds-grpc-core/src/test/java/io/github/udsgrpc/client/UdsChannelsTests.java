package io.github.udsgrpc.client;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.socket.SocketPathLimit;
import io.github.udsgrpc.socket.SocketTuning;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.testsupport.HandWiredServer;
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
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.netty.channel.ChannelOption;
import io.netty.channel.unix.DomainSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.udsgrpc.testsupport.Calls.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link UdsChannels} against a plain grpc-java server wired by hand and against a raw JDK socket: the targets it
 * reads, the {@code :authority} it sends, plaintext HTTP/2, and its tuning on the wire and in the threads that
 * deliver responses.
 */
class UdsChannelsTests {

	private static final int FOUR_MIB = 4 * 1024 * 1024;

	/** grpc-java's window when none is set ({@code DEFAULT_FLOW_CONTROL_WINDOW}). */
	private static final long GRPC_DEFAULT_WINDOW = 1024 * 1024;

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String TARGET_FORMS = "unix:/absolute/path, unix:///absolute/path, unix:relative/path or "
			+ "unix-abstract:name";

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private final Path socket = this.dir.socket("a.sock");

	private final List<String> authorities = new CopyOnWriteArrayList<>();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void closeEverything() throws Exception {
		for (int i = this.closeables.size() - 1; i >= 0; i--) {
			this.closeables.get(i).close();
		}
	}

	@Test
	void theServerSeesLocalhostAsTheAuthorityByDefault() throws IOException {
		serve(this.socket);

		assertThat(unary(UdsChannels.forTarget("unix:" + this.socket), "hello")).isEqualTo("hello");
		assertThat(this.authorities).containsExactly("localhost").containsExactly(UdsChannels.DEFAULT_AUTHORITY);
	}

	@Test
	void theServerSeesTheAuthorityAChannelWasGiven() throws IOException {
		serve(this.socket);

		NettyChannelBuilder builder = UdsChannels.using(eventLoops())
			.authority("orders.internal")
			.channelBuilder("unix:" + this.socket);

		assertThat(unary(builder, "hello")).isEqualTo("hello");
		assertThat(this.authorities).containsExactly("orders.internal");
	}

	@Test
	void aChannelSpeaksPlaintextHttp2FromItsFirstByte() throws Exception {
		try (ServerSocketChannel server = RawHttp2.listen(this.socket)) {
			connect(UdsChannels.forTarget("unix:" + this.socket));
			try (SocketChannel accepted = RawHttp2.accept(server, WAIT)) {
				// A TLS client would open with a handshake record (0x16) instead of the HTTP/2 preface.
				assertThat(RawHttp2.read(accepted, RawHttp2.PREFACE.length, WAIT)).isEqualTo(RawHttp2.PREFACE);
			}
		}
	}

	@Test
	void forTargetReadsTheAbsoluteTheTripleSlashAndTheRelativeForms() throws IOException {
		serve(this.socket);
		Path relative = Path.of("").toAbsolutePath().relativize(this.socket);
		assertThat(relative.isAbsolute()).isFalse();

		assertThat(unary(UdsChannels.forTarget("unix:" + this.socket), "absolute")).isEqualTo("absolute");
		assertThat(unary(UdsChannels.forTarget("unix://" + this.socket), "triple slash")).isEqualTo("triple slash");
		assertThat(unary(UdsChannels.forTarget("unix:" + relative), "relative")).isEqualTo("relative");
	}

	@Test
	void aTargetThatNamesAHostIsRefusedWithTheFormsThatWork() {
		assertThatIllegalArgumentException().isThrownBy(() -> UdsChannels.forTarget("unix://host/run/app.sock"))
			.withMessage("Socket target 'unix://host/run/app.sock' names a host ('host'), but a Unix socket has none: "
					+ "write " + TARGET_FORMS);
	}

	@Test
	void aTargetOfAnotherSchemeIsRefusedWithTheFormsThatWork() {
		assertThatIllegalArgumentException().isThrownBy(() -> UdsChannels.forTarget("dns:///localhost:50051"))
			.withMessageContaining("has scheme 'dns', not 'unix' or 'unix-abstract'")
			.withMessageEndingWith(TARGET_FORMS);
	}

	@Test
	void aPathLongerThanTheLimitIsRefusedNamingTheTargetAndTheLimit() {
		int limit = SocketPathLimit.current();
		String path = "/tmp/" + "x".repeat(limit);
		String target = "unix:" + path;

		assertThatIllegalArgumentException().isThrownBy(() -> UdsChannels.forTarget(target))
			.withMessageStartingWith("Socket " + target + ": ")
			.withMessageContaining("the path is " + path.length() + " bytes long")
			.withMessageContaining("at most " + limit + " bytes");
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void anAbstractTargetReachesTheServerBoundToThatName() throws IOException {
		TestTransport.assumeAbstractNames();
		String name = "udsgrpc-test-" + UUID.randomUUID();
		this.closeables.add(new HandWiredServer(new DomainSocketAddress("\0" + name), echoService()));

		assertThat(unary(UdsChannels.forTarget("unix-abstract:" + name), "abstract")).isEqualTo("abstract");
	}

	@Test
	void aChannelGivenAWindowAnnouncesItAsItsInitialWindowSize() throws Exception {
		SocketTuning tuning = SocketTuning.DEFAULTS.withFlowControlWindow(FOUR_MIB);

		assertThat(initialWindowSizeOfChannel(tuning)).isEqualTo(FOUR_MIB);
	}

	@Test
	void aChannelWithoutAWindowAnnouncesGrpcJavasDefault() throws Exception {
		assertThat(initialWindowSizeOfChannel(SocketTuning.DEFAULTS)).isEqualTo(GRPC_DEFAULT_WINDOW);
	}

	/**
	 * Lets a channel with the tuning connect to a plain JDK listening socket and reads SETTINGS_INITIAL_WINDOW_SIZE
	 * from the SETTINGS frame that follows its preface.
	 */
	private long initialWindowSizeOfChannel(SocketTuning tuning) throws Exception {
		try (ServerSocketChannel server = RawHttp2.listen(this.socket)) {
			connect(UdsChannels.using(eventLoops()).tuning(tuning).channelBuilder("unix:" + this.socket));
			try (SocketChannel accepted = RawHttp2.accept(server, WAIT)) {
				assertThat(RawHttp2.read(accepted, RawHttp2.PREFACE.length, WAIT)).isEqualTo(RawHttp2.PREFACE);
				RawHttp2.Frame settings = RawHttp2.readFrame(accepted, WAIT);
				assertThat(settings.type()).as("the frame after the preface").isEqualTo(RawHttp2.SETTINGS);
				assertThat(settings.settings()).containsKey(RawHttp2.SETTINGS_INITIAL_WINDOW_SIZE);
				return settings.settings().get(RawHttp2.SETTINGS_INITIAL_WINDOW_SIZE);
			}
		}
	}

	@Test
	void withADirectExecutorResponsesArriveOnTheChannelsEventLoop() throws Exception {
		serve(this.socket);
		UdsEventLoops loops = eventLoops();

		String thread = responseThread(UdsChannels.using(loops).tuning(SocketTuning.DEFAULTS.withDirectExecutor(true)));

		assertThat(thread).startsWith("uds-grpc-").isEqualTo(threadOf(loops));
	}

	@Test
	void withoutADirectExecutorResponsesArriveOnGrpcJavasExecutor() throws Exception {
		serve(this.socket);

		String thread = responseThread(UdsChannels.using(eventLoops()).tuning(SocketTuning.DEFAULTS));

		assertThat(thread).startsWith("grpc-default-executor-");
	}

	/**
	 * Makes a call from an async stub and tells the thread its response was delivered on.
	 */
	private String responseThread(UdsChannels channels) throws Exception {
		ManagedChannel channel = build(channels.channelBuilder("unix:" + this.socket));
		CompletableFuture<String> thread = new CompletableFuture<>();
		EchoGrpc.newStub(channel)
			.withDeadlineAfter(WAIT.toSeconds(), TimeUnit.SECONDS)
			.unary(request("hello"), new StreamObserver<>() {

				@Override
				public void onNext(EchoReply value) {
					thread.complete(Thread.currentThread().getName());
				}

				@Override
				public void onError(Throwable t) {
					thread.completeExceptionally(t);
				}

				@Override
				public void onCompleted() {
				}

			});
		return thread.get(WAIT.toSeconds(), TimeUnit.SECONDS);
	}

	@Test
	void aChannelsConnectionsGetNoSoKeepAliveWhichNettyWouldWarnAboutOnEachOfThem() throws Exception {
		try (NettyWarnings warnings = new NettyWarnings(); ServerSocketChannel server = RawHttp2.listen(this.socket)) {
			connect(UdsChannels.forTarget("unix:" + this.socket));
			RawHttp2.accept(server, WAIT).close();
			assertThat(warnings.messages()).noneMatch((message) -> message.contains("SO_KEEPALIVE"));

			// What grpc-java would set, put back, shows that the warning would be seen.
			connect(UdsChannels.forTarget("unix:" + this.socket).withOption(ChannelOption.SO_KEEPALIVE, true));
			RawHttp2.accept(server, WAIT).close();
			assertThat(warnings.messages()).anyMatch((message) -> message.contains("SO_KEEPALIVE"));
		}
	}

	/**
	 * Serves the echo service on a socket with a hand-wired grpc-java server, plaintext like every socket server,
	 * recording the {@code :authority} of each call.
	 */
	private void serve(Path path) throws IOException {
		this.closeables.add(new HandWiredServer(path, echoService()));
	}

	private ServerServiceDefinition echoService() {
		return ServerInterceptors.intercept(new PlainEchoService(), new ServerInterceptor() {

			@Override
			public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
					ServerCallHandler<Q, R> next) {
				UdsChannelsTests.this.authorities.add(call.getAuthority());
				return next.startCall(call, headers);
			}

		});
	}

	private String unary(NettyChannelBuilder builder, String text) {
		return EchoGrpc.newBlockingStub(build(builder))
			.withDeadlineAfter(WAIT.toSeconds(), TimeUnit.SECONDS)
			.unary(request(text))
			.getText();
	}

	/**
	 * Starts a call, which makes the channel connect; against a raw socket it fails once the test hangs up.
	 */
	private void connect(NettyChannelBuilder builder) {
		EchoGrpc.newFutureStub(build(builder))
			.withDeadlineAfter(WAIT.toSeconds(), TimeUnit.SECONDS)
			.unary(request("hi"));
	}

	private ManagedChannel build(NettyChannelBuilder builder) {
		ManagedChannel channel = builder.build();
		this.closeables.add(() -> channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS));
		return channel;
	}

	/** Event loops of one thread, so that a thread of theirs is the thread; closed after the channels. */
	private UdsEventLoops eventLoops() {
		UdsEventLoops loops = new UdsEventLoops(1);
		this.closeables.add(0, loops);
		return loops;
	}

	private static String threadOf(UdsEventLoops loops) throws Exception {
		return loops.group().submit(() -> Thread.currentThread().getName()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
	}

}
