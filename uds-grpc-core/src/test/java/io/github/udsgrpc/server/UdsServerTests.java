package io.github.udsgrpc.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.common.util.concurrent.ListenableFuture;
import com.sun.security.auth.module.UnixSystem;
import io.github.udsgrpc.client.UdsChannels;
import io.github.udsgrpc.server.UdsServerFixture.CredentialsService;
import io.github.udsgrpc.socket.SocketFileException;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.whoami.Caller;
import io.github.udsgrpc.test.whoami.WhoAmIGrpc;
import io.github.udsgrpc.test.whoami.WhoAmIRequest;
import io.github.udsgrpc.testsupport.LogCapture;
import io.github.udsgrpc.testsupport.PlainEchoService;
import io.github.udsgrpc.testsupport.RawHttp2;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.github.udsgrpc.testsupport.transport.TestTransport;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.udsgrpc.testsupport.Calls.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link UdsServer}, the plain-Java entry point, with real sockets, real channels and a plain echo service.
 */
class UdsServerTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	@RegisterExtension
	final LogCapture logs = new LogCapture();

	private final UdsServerFixture fixture = new UdsServerFixture();

	private final PlainEchoService echo = this.fixture.echo();

	@AfterEach
	void closeEverything() throws Exception {
		this.fixture.close();
	}

	@Test
	void aServerOfTheCoreAloneAnswersOnSocketFilesOfModeRwRwUnlessAListenerSaysOtherwise() throws IOException {
		Path plain = this.dir.socket("plain.sock");
		Path own = this.dir.socket("own.sock");
		UdsServer server = this.fixture.start(UdsServer.builder()
			.listenUnixSocket(plain, (options) -> {
			})
			.listenUnixSocket(own, (options) -> options.fileMode("rw-------"))
			.addService(this.echo));

		assertThat(this.fixture.stub(plain).unary(request("hello")).getText()).isEqualTo("hello");
		assertThat(this.fixture.stub(own).unary(request("hi")).getText()).isEqualTo("hi");
		assertThat(Files.readAttributes(plain, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther())
			.as("a socket, not a regular file")
			.isTrue();
		assertThat(Files.getPosixFilePermissions(plain)).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
		assertThat(Files.getPosixFilePermissions(own)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(server.getListeners()).extracting(UdsListener::name).containsExactly("plain.sock", "own.sock");
		assertThat(server.getListeners()).extracting(UdsListener::target)
			.containsExactly("unix:" + plain, "unix:" + own);
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void aListenerOnAnAbstractNameAnswersAChannelForThatName() throws IOException {
		TestTransport.assumeAbstractNames();
		String name = "udsgrpc-test-" + UUID.randomUUID();
		UdsServer server = this.fixture.start(UdsServer.builder().listenAbstractSocket(name, (options) -> {
		}).addService(this.echo));
		ManagedChannel channel = UdsChannels.forTarget("unix-abstract:" + name).build();
		this.fixture.channel(channel);

		assertThat(EchoGrpc.newBlockingStub(channel).unary(request("abstract")).getText()).isEqualTo("abstract");
		assertThat(server.getListeners()).singleElement()
			.satisfies((listener) -> assertThat(listener.target()).isEqualTo("unix-abstract:" + name));
	}

	@Test
	void aHeldCallFinishesWithinTheGracePeriodWhileNewConnectionsAreRefused() throws Exception {
		Path socket = this.dir.socket("a.sock");
		UdsServer server = this.fixture.start(UdsServer.builder().listenUnixSocket(socket).addService(this.echo));
		ListenableFuture<EchoReply> held = EchoGrpc.newFutureStub(this.fixture.channel(socket))
			.withDeadlineAfter(1, TimeUnit.MINUTES)
			.unary(request(PlainEchoService.HOLD));
		await().atMost(WAIT).until(() -> this.echo.heldCalls() == 1);
		assertThat(server.getCallsInFlight()).isOne();

		CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(Duration.ofMinutes(1)));

		await().atMost(WAIT).until(() -> Files.notExists(socket, LinkOption.NOFOLLOW_LINKS));
		assertThatExceptionOfType(IOException.class).as("a new connection")
			.isThrownBy(() -> RawHttp2.connect(socket).close());
		assertThatExceptionOfType(StatusRuntimeException.class).as("a call on a new channel")
			.isThrownBy(() -> this.fixture.stub(socket).unary(request("late")))
			.extracting(Status::fromThrowable)
			.extracting(Status::getCode)
			.isEqualTo(Status.Code.UNAVAILABLE);
		assertThat(stopping).as("stop() waits for the held call").isNotDone();
		assertThat(held).isNotDone();

		this.echo.release();

		assertThat(held.get(WAIT.toSeconds(), TimeUnit.SECONDS).getText()).isEqualTo(PlainEchoService.HOLD);
		stopping.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(server.isTerminated()).isTrue();
		assertThat(server.getCallsInFlight()).isZero();
		assertThat(this.echo.cancelledCalls()).isZero();
	}

	@Test
	void aCallStillRunningWhenTheGracePeriodEndsIsCancelled() throws Exception {
		Path socket = this.dir.socket("a.sock");
		UdsServer server = this.fixture.start(UdsServer.builder().listenUnixSocket(socket).addService(this.echo));
		ListenableFuture<EchoReply> held = EchoGrpc.newFutureStub(this.fixture.channel(socket))
			.withDeadlineAfter(1, TimeUnit.MINUTES)
			.unary(request(PlainEchoService.HOLD));
		await().atMost(WAIT).until(() -> this.echo.heldCalls() == 1);

		server.stop(Duration.ofMillis(200));

		assertThat(server.isTerminated()).isTrue();
		assertThat(socket).doesNotExist();
		ExecutionException failure = catchThrowableOfType(ExecutionException.class,
				() -> held.get(WAIT.toSeconds(), TimeUnit.SECONDS));
		assertThat(Status.fromThrowable(failure.getCause()).getCode()).isEqualTo(Status.Code.CANCELLED);
		await().atMost(WAIT).until(() -> this.echo.cancelledCalls() == 1);
		assertThat(this.logs.toString()).contains("grace period of PT0.2S ended with 1 call(s) still in flight");
	}

	@Test
	void listenerStatusesTellWhetherItListensItsFileIsInPlaceAndItsOpenConnections() throws Exception {
		Path socket = this.dir.socket("a.sock");
		UdsServer server = UdsServer.builder().listenUnixSocket(socket).addService(this.echo).build();
		this.fixture.server(server);
		assertThat(server.getListenerStatuses()).singleElement()
			.satisfies((status) -> assertStatus(status, false, false, 0));

		server.start();
		assertThat(server.getListenerStatuses()).singleElement()
			.satisfies((status) -> assertStatus(status, true, true, 0));
		assertThat(server.getListenerStatuses().get(0).listener().name()).isEqualTo("a.sock");

		ManagedChannel channel = this.fixture.channel(socket);
		EchoGrpc.newBlockingStub(channel).unary(request("hello"));
		assertThat(server.getListenerStatuses()).singleElement()
			.satisfies((status) -> assertStatus(status, true, true, 1));

		channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		await().atMost(WAIT).until(() -> server.getListenerStatuses().get(0).openConnections() == 0);

		server.stop(Duration.ofSeconds(5));
		assertThat(server.getListenerStatuses()).singleElement()
			.satisfies((status) -> assertStatus(status, false, false, 0));
	}

	@Test
	void aSocketFileDeletedUnderTheRunningServerIsNotInPlace() throws Exception {
		Path socket = this.dir.socket("a.sock");
		UdsServer server = this.fixture.start(UdsServer.builder().listenUnixSocket(socket).addService(this.echo));
		assertThat(server.getListenerStatuses().get(0).socketFileInPlace()).isTrue();

		Files.delete(socket);

		assertThat(server.getListenerStatuses()).singleElement()
			.satisfies((status) -> assertStatus(status, true, false, 0));
	}

	private static void assertStatus(UdsListenerStatus status, boolean listening, boolean inPlace, int connections) {
		assertThat(status.listening()).as("listening").isEqualTo(listening);
		assertThat(status.socketFileInPlace()).as("socket file in place").isEqualTo(inPlace);
		assertThat(status.openConnections()).as("open connections").isEqualTo(connections);
	}

	@Test
	void aListenerLimitedToAServiceThatIsNotRegisteredFailsTheBuildNamingTheListenerAndTheServices() {
		Path socket = this.dir.socket("a.sock");
		UdsServer.Builder builder = UdsServer.builder()
			.listenUnixSocket(socket, (options) -> options.name("orders").services("no.Such"))
			.addService(this.echo);

		UnknownListenerServiceException ex = catchThrowableOfType(UnknownListenerServiceException.class,
				builder::build);

		assertThat(ex.getListenerName()).isEqualTo("orders");
		assertThat(ex.getServiceName()).isEqualTo("no.Such");
		assertThat(ex.getRegistered()).containsExactly(EchoGrpc.SERVICE_NAME);
		assertThat(ex).hasMessage("Socket listener 'orders' (" + socket + ") is limited to service 'no.Such', which "
				+ "is not registered; registered services: [" + EchoGrpc.SERVICE_NAME + "]");
		assertThat(socket).doesNotExist();
	}

	@Test
	void aServiceNameAddedTwiceIsRefused() {
		UdsServer.Builder builder = UdsServer.builder().addService(this.echo);

		assertThatIllegalStateException().isThrownBy(() -> builder.addService(new PlainEchoService()))
			.withMessage("Found duplicate service implementation: " + EchoGrpc.SERVICE_NAME);
	}

	@Test
	void aListenerLimitedToSomeServicesAnswersUnimplementedForTheOthers() throws IOException {
		Path all = this.dir.socket("all.sock");
		Path echoOnly = this.dir.socket("echo.sock");
		this.fixture.start(UdsServer.builder()
			.listenUnixSocket(all)
			.listenUnixSocket(echoOnly, (options) -> options.services(EchoGrpc.SERVICE_NAME))
			.addService(this.echo)
			.addService(new HealthStatusManager().getHealthService()));

		assertThat(HealthGrpc.newBlockingStub(this.fixture.channel(all))
			.check(HealthCheckRequest.getDefaultInstance())
			.getStatus()).isEqualTo(ServingStatus.SERVING);
		assertThat(this.fixture.stub(echoOnly).unary(request("hello")).getText()).isEqualTo("hello");
		HealthGrpc.HealthBlockingStub healthOnEchoOnly = HealthGrpc.newBlockingStub(this.fixture.channel(echoOnly));
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> healthOnEchoOnly.check(HealthCheckRequest.getDefaultInstance()))
			.extracting(Status::fromThrowable)
			.extracting(Status::getCode)
			.isEqualTo(Status.Code.UNIMPLEMENTED);
	}

	@Test
	void theServerListsEveryServiceAddedBeforeAndAfterStartEvenWhenItsFirstListenerIsLimited() throws IOException {
		UdsServer server = UdsServer.builder()
			.listenUnixSocket(this.dir.socket("limited.sock"), (options) -> options.services(EchoGrpc.SERVICE_NAME))
			.listenUnixSocket(this.dir.socket("all.sock"))
			.addService(this.echo)
			.addService(new HealthStatusManager().getHealthService())
			.build();
		assertThat(server.getServices()).extracting((service) -> service.getServiceDescriptor().getName())
			.containsExactly(EchoGrpc.SERVICE_NAME, HealthGrpc.SERVICE_NAME);
		this.fixture.server(server);
		server.start();
		assertThat(server.getImmutableServices()).isEqualTo(server.getServices());
		assertThat(server.getMutableServices()).isEmpty();
	}

	@Test
	void aFailedStartThrowsTheReasonLeavesTheFileInTheWayAloneAndRemovesTheSocketsPublishedSoFar() throws Exception {
		Path first = this.dir.socket("first.sock");
		Path second = this.dir.socket("second.sock");
		Files.writeString(second, "not a socket");
		UdsServer server = UdsServer.builder()
			.listenUnixSocket(first)
			.listenUnixSocket(second)
			.addService(this.echo)
			.build();
		this.fixture.server(server);

		SocketFileException ex = catchThrowableOfType(SocketFileException.class, server::start);

		assertThat(ex.getReason()).isEqualTo(SocketFileException.Reason.NOT_A_SOCKET);
		assertThat(ex.getListenerName()).isEqualTo("second.sock");
		assertThat(ex.getPath()).isEqualTo(second);
		assertThat(second).hasContent("not a socket");
		assertThat(first).doesNotExist();
		try (Stream<Path> files = Files.list(this.dir.path())) {
			assertThat(files).as("nothing left but the file in the way").containsExactly(second);
		}
		assertThat(server.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aServerThatMadeItsOwnEventLoopsLeavesNoThreadOfItsOwnAfterStop() throws Exception {
		Set<Thread> before = udsThreads();
		Path socket = this.dir.socket("a.sock");
		UdsServer server = this.fixture.start(UdsServer.builder().listenUnixSocket(socket).addService(this.echo));
		UdsEventLoops clientLoops = new UdsEventLoops(1);
		ManagedChannel channel = UdsChannels.using(clientLoops).channelBuilder("unix:" + socket).build();
		try {
			assertThat(EchoGrpc.newBlockingStub(channel).unary(request("hello")).getText()).isEqualTo("hello");
		}
		finally {
			channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
			clientLoops.close();
		}
		assertThat(newThreads(before)).as("the server's own event loop threads").isNotEmpty();

		server.stop(Duration.ofSeconds(5));

		await().atMost(WAIT).untilAsserted(() -> assertThat(newThreads(before)).isEmpty());
	}

	@Test
	void aServerGivenEventLoopsLeavesThemRunningForTheirOwner() throws Exception {
		UdsEventLoops loops = new UdsEventLoops(1);
		this.fixture.eventLoops(loops);
		Path first = this.dir.socket("first.sock");
		Path second = this.dir.socket("second.sock");
		UdsServer server = this.fixture
			.start(UdsServer.builder().listenUnixSocket(first).addService(this.echo).eventLoops(loops));
		assertThat(this.fixture.stub(first).unary(request("hello")).getText()).isEqualTo("hello");

		server.stop(Duration.ofSeconds(5));

		assertThat(server.isTerminated()).isTrue();
		assertThat(loops.group().isShuttingDown()).isFalse();
		this.fixture
			.start(UdsServer.builder().listenUnixSocket(second).addService(new PlainEchoService()).eventLoops(loops));
		assertThat(this.fixture.stub(second).unary(request("again")).getText()).isEqualTo("again");
		assertThat(loops.group().isShuttingDown()).isFalse();
	}

	private static Set<Thread> udsThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith("uds-grpc-"))
			.collect(Collectors.toSet());
	}

	private static List<String> newThreads(Set<Thread> before) {
		return udsThreads().stream().filter((thread) -> !before.contains(thread)).map(Thread::getName).toList();
	}

	@Test
	void anAddedServerStartsAndStopsWithTheSocketsAndItsCallsCountAsInFlight() throws Exception {
		Path socket = this.dir.socket("a.sock");
		String name = "uds-server-tests-" + UUID.randomUUID();
		UdsServer server = UdsServer.builder()
			.listenUnixSocket(socket)
			.addService(this.echo)
			.addServer((tracer) -> InProcessServerBuilder.forName(name)
				.addStreamTracerFactory(tracer)
				.addService(this.echo)
				.build())
			.build();
		this.fixture.server(server);
		assertThatExceptionOfType(StatusRuntimeException.class).as("before start")
			.isThrownBy(() -> EchoGrpc.newBlockingStub(inProcessChannel(name)).unary(request("early")))
			.withMessageContaining("Could not find server");

		server.start();
		// A new channel: the first one waits out its reconnect backoff after having found no server.
		ManagedChannel inProcess = inProcessChannel(name);
		EchoGrpc.EchoBlockingStub inProcessStub = EchoGrpc.newBlockingStub(inProcess);
		assertThat(inProcessStub.unary(request("hello")).getText()).isEqualTo("hello");
		ListenableFuture<EchoReply> heldInProcess = EchoGrpc.newFutureStub(inProcess)
			.unary(request(PlainEchoService.HOLD));
		ListenableFuture<EchoReply> heldOnSocket = EchoGrpc.newFutureStub(this.fixture.channel(socket))
			.unary(request(PlainEchoService.HOLD));
		await().atMost(WAIT).until(() -> this.echo.heldCalls() == 2);
		assertThat(server.getCallsInFlight()).isEqualTo(2);

		CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(Duration.ofMinutes(1)));
		await().atMost(WAIT).until(() -> Files.notExists(socket, LinkOption.NOFOLLOW_LINKS));
		assertThat(stopping).as("stop() waits for both held calls").isNotDone();
		this.echo.release();

		assertThat(heldInProcess.get(WAIT.toSeconds(), TimeUnit.SECONDS).getText()).isEqualTo(PlainEchoService.HOLD);
		assertThat(heldOnSocket.get(WAIT.toSeconds(), TimeUnit.SECONDS).getText()).isEqualTo(PlainEchoService.HOLD);
		stopping.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(server.getCallsInFlight()).isZero();
		assertThat(server.isTerminated()).isTrue();
		assertThatExceptionOfType(StatusRuntimeException.class).as("after stop")
			.isThrownBy(() -> inProcessStub.unary(request("late")))
			.extracting(Status::fromThrowable)
			.extracting(Status::getCode)
			.isEqualTo(Status.Code.UNAVAILABLE);
	}

	private ManagedChannel inProcessChannel(String name) {
		ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
		this.fixture.channel(channel);
		return channel;
	}

	@Test
	void customizersRunInOrderOncePerListenerAndBeforeTheListenersOwnCustomizer() throws IOException {
		List<String> order = new CopyOnWriteArrayList<>();
		this.fixture.start(UdsServer.builder()
			.customizer((builder, listener) -> order.add("first for " + listener.name()))
			.listenUnixSocket(this.dir.socket("a.sock"),
					(options) -> options.customizeServer((builder) -> order.add("a's own")))
			.listenUnixSocket(this.dir.socket("b.sock"),
					(options) -> options.customizeServer((builder) -> order.add("b's own"))
						.customizeServer((builder) -> order.add("b's own again")))
			.customizer((builder, listener) -> order.add("second for " + listener.name()))
			.addService(this.echo));

		assertThat(order).containsExactly("first for a.sock", "second for a.sock", "a's own", "first for b.sock",
				"second for b.sock", "b's own", "b's own again");
	}

	@Test
	void aCustomizersSettingTakesEffectAndTheListenersOwnCustomizerHasTheLastWord() throws IOException {
		Path limited = this.dir.socket("limited.sock");
		Path overridden = this.dir.socket("overridden.sock");
		this.fixture.start(UdsServer.builder()
			.customizer((builder, listener) -> builder.maxInboundMessageSize(1024))
			.listenUnixSocket(limited)
			.listenUnixSocket(overridden,
					(options) -> options.customizeServer((builder) -> builder.maxInboundMessageSize(64 * 1024)))
			.addService(this.echo));
		String large = "x".repeat(4096);

		assertThat(this.fixture.stub(limited).unary(request("small")).getText()).isEqualTo("small");
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> this.fixture.stub(limited).unary(request(large)))
			.extracting(Status::fromThrowable)
			.extracting(Status::getCode)
			.isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
		assertThat(this.fixture.stub(overridden).unary(request(large)).getText()).isEqualTo(large);
	}

	@Test
	void aListenerThatAllowsOnlyAnotherUidAnswersPermissionDeniedBeforeTheService() throws IOException {
		long otherUid = ownUid() + 1;
		Path socket = this.dir.socket("closed.sock");
		this.fixture.start(UdsServer.builder()
			.listenUnixSocket(socket, (options) -> options.sameUserOnly(false).allowedUids(otherUid))
			.addService(this.echo));

		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> this.fixture.stub(socket).unary(request("hello")))
			.extracting(Status::fromThrowable)
			.satisfies((status) -> {
				assertThat(status.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
				assertThat(status.getDescription())
					.isEqualTo("Unix socket listener 'closed.sock' does not allow uid " + ownUid());
			});
		assertThat(this.echo.unaryCalls()).isZero();
		assertThat(this.logs.toString()).contains("Refused gRPC call udsgrpc.test.Echo/Unary on Unix socket listener "
				+ "'closed.sock' (" + socket + "): peer uid=" + ownUid());
	}

	@Test
	void aSameUserOnlyListenerLetsUsCallAndTheServiceSeesOurCredentials() throws IOException {
		Path socket = this.dir.socket("own.sock");
		this.fixture.start(UdsServer.builder()
			.listenUnixSocket(socket, (options) -> options.sameUserOnly(true))
			.addService(new CredentialsService()));

		Caller caller = WhoAmIGrpc.newBlockingStub(this.fixture.channel(socket))
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.whoAmI(WhoAmIRequest.getDefaultInstance());

		assertThat(caller.getHasCredentials()).isTrue();
		assertThat(caller.getUid()).isEqualTo(ownUid());
		assertThat(caller.getGid()).isEqualTo(new UnixSystem().getGid());
		assertThat((long) caller.getPid()).isEqualTo(TestTransport.seenPid(ProcessHandle.current().pid()));
	}

	private static long ownUid() {
		return new UnixSystem().getUid();
	}

}
