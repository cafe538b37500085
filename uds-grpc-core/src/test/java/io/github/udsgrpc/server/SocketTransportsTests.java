package io.github.udsgrpc.server;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.sun.security.auth.module.UnixSystem;
import io.github.udsgrpc.client.UdsChannels;
import io.github.udsgrpc.server.UdsServerFixture.CredentialsService;
import io.github.udsgrpc.socket.AbstractSocketException;
import io.github.udsgrpc.socket.SocketFileException;
import io.github.udsgrpc.socket.SocketTransport;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.whoami.Caller;
import io.github.udsgrpc.test.whoami.WhoAmIGrpc;
import io.github.udsgrpc.test.whoami.WhoAmIRequest;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.JavaProcess;
import io.github.udsgrpc.testsupport.OtherUser;
import io.github.udsgrpc.testsupport.PlainEchoService;
import io.github.udsgrpc.testsupport.SharedClassPath;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.github.udsgrpc.testsupport.WhoAmICaller;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.github.udsgrpc.testsupport.Calls.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every transport ({@code grpc.uds.transport}: epoll, kqueue, io-uring, nio) with real sockets: a server and a
 * channel of that transport, the peer's credentials, the peer access policies, and every socket-file rule. A
 * transport that does not exist here is skipped, unless the system property {@value #REQUIRED} names it: then its
 * absence fails the test (uds-grpc-core-netty42 requires epoll, io-uring and nio on Linux, so an assumption cannot
 * hide a broken transport on Netty 4.2).
 */
class SocketTransportsTests {

	/** The transports that must be available, comma-separated ({@code epoll,io-uring,nio}). */
	static final String REQUIRED = "udsgrpc.test.required-transports";

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private final UdsServerFixture fixture = new UdsServerFixture();

	private final PlainEchoService echo = this.fixture.echo();

	@AfterEach
	void closeEverything() throws Exception {
		this.fixture.close();
	}

	/**
	 * The transport's event loops, or skips the test where the transport does not exist, unless it is required.
	 */
	private UdsEventLoops loops(SocketTransport transport) {
		Set<String> required = Arrays.stream(System.getProperty(REQUIRED, "").split(","))
			.map(String::trim)
			.collect(Collectors.toSet());
		if (required.contains(transport.value())) {
			assertThat(transport.isAvailable()).as(transport.value() + " is required here (" + REQUIRED + ")")
				.isTrue();
		}
		else {
			assumeTrue(transport.isAvailable(), () -> transport.value() + " is not available here");
		}
		return this.fixture.eventLoops(new UdsEventLoops(1, transport));
	}

	@ParameterizedTest
	@EnumSource(SocketTransport.class)
	void aServerAndAChannelOfTheTransportTalkOverTheSocketAndTheServerSeesThePeer(SocketTransport transport)
			throws Exception {
		UdsEventLoops loops = loops(transport);
		Path socket = this.dir.socket("t.sock");
		AtomicReference<SocketAddress> local = new AtomicReference<>();
		this.fixture.start(UdsServer.builder()
			.eventLoops(loops)
			.listenUnixSocket(socket)
			.addService(this.echo)
			.addService(
					ServerInterceptors.intercept(CredentialsService.withCallAttributes(), new LocalAddress(local))));
		ManagedChannel channel = this.fixture.channel(loops, socket);

		assertThat(EchoGrpc.newBlockingStub(channel).unary(request("hello")).getText()).isEqualTo("hello");
		assertThat(Calls.stream((replies) -> EchoGrpc.newStub(channel).bidi(replies), "a", "b"))
			.containsExactly("A", "B");
		Caller caller = WhoAmIGrpc.newBlockingStub(channel)
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.whoAmI(WhoAmIRequest.getDefaultInstance());

		assertThat(loops.transport()).isEqualTo(transport);
		assertThat(local.get()).as("the accepted channel's address type")
			.isInstanceOf(transport.isNative() ? io.netty.channel.unix.DomainSocketAddress.class
					: UnixDomainSocketAddress.class);
		assertThat(caller.getHasCredentials()).isTrue();
		assertThat(caller.getUid()).isEqualTo(new UnixSystem().getUid());
		assertThat(caller.getGid()).isEqualTo(new UnixSystem().getGid());
		// The JDK's SO_PEERCRED (NIO) gives the peer's user and group, not its pid.
		assertThat((long) caller.getPid()).isEqualTo(transport.isNative() ? ProcessHandle.current().pid() : 0);
		System.out.printf("[transports] %s: peer %s, local address %s%n", transport.value(),
				caller.toString().replace('\n', ' '), local.get().getClass().getSimpleName());
	}

	@ParameterizedTest
	@EnumSource(SocketTransport.class)
	void thePeerAccessPoliciesAdmitAndRefuseByTheIdsTheTransportReads(SocketTransport transport) throws Exception {
		UdsEventLoops loops = loops(transport);
		long ownUid = new UnixSystem().getUid();
		long ownGid = new UnixSystem().getGid();
		Path same = this.dir.socket("same.sock");
		Path other = this.dir.socket("other.sock");
		Path group = this.dir.socket("group.sock");
		Path otherGroup = this.dir.socket("ogroup.sock");
		this.fixture.start(UdsServer.builder()
			.eventLoops(loops)
			.listenUnixSocket(same, (options) -> options.sameUserOnly(true))
			.listenUnixSocket(other, (options) -> options.name("other").allowedUids(ownUid + 1))
			.listenUnixSocket(group, (options) -> options.allowedGids(ownGid))
			.listenUnixSocket(otherGroup, (options) -> options.name("ogroup").allowedGids(ownGid + 1))
			.addService(this.echo));

		assertThat(unary(loops, same)).isEqualTo("OK");
		assertThat(unary(loops, group)).isEqualTo("OK");
		assertThat(unary(loops, other)).startsWith("PERMISSION_DENIED").contains("does not allow uid " + ownUid);
		assertThat(unary(loops, otherGroup)).startsWith("PERMISSION_DENIED");
	}

	@ParameterizedTest
	@EnumSource(value = SocketTransport.class, names = { "EPOLL", "IO_URING", "NIO" })
	@EnabledOnOs(OS.LINUX)
	void anotherUserIsSeenByItsOwnIdsAndAdmittedOrRefusedByThem(SocketTransport transport) throws Exception {
		UdsEventLoops loops = loops(transport);
		OtherUser nobody = OtherUser.nobody();
		Files.setPosixFilePermissions(this.dir.path(), PosixFilePermissions.fromString("rwxr-xr-x"));
		Path admitted = this.dir.socket("in.sock");
		Path refused = this.dir.socket("out.sock");
		this.fixture.start(UdsServer.builder()
			.eventLoops(loops)
			.listenUnixSocket(admitted, (options) -> options.fileMode("rw-rw-rw-").allowedUids(nobody.uid()))
			.listenUnixSocket(refused, (options) -> options.name("out").fileMode("rw-rw-rw-").sameUserOnly(true))
			.addService(CredentialsService.withCallAttributes()));
		String classPath = SharedClassPath.copy(this.dir.path().resolve("cp"), SharedClassPath::grpcClientJar);

		JavaProcess caller = JavaProcess.mainClass("whoami-" + transport.value(), classPath, WhoAmICaller.class.getName())
			.wrappedIn(nobody.wrapper())
			.args(admitted.toString(), refused.toString())
			.start();
		this.fixture.closeAfterwards(caller);
		assertThat(caller.awaitExit(Duration.ofSeconds(60))).as(caller.describe()).isZero();

		Map<String, String> results = caller.output()
			.lines()
			.filter((line) -> line.startsWith(WhoAmICaller.RESULT) && !line.startsWith(WhoAmICaller.READY))
			.map((line) -> line.substring(WhoAmICaller.RESULT.length()).split(" ", 2))
			.collect(Collectors.toMap((parts) -> parts[0], (parts) -> parts[1]));
		System.out.printf("[transports] %s, caller as nobody: %s%n", transport.value(), results);
		long pid = transport.isNative() ? caller.pid() : 0;
		assertThat(results.get(admitted.toString())).as(caller.describe())
			.isEqualTo("OK uid=" + nobody.uid() + " gid=" + nobody.gid() + " pid=" + pid
					+ " context=true attributes=true");
		assertThat(results.get(refused.toString())).as(caller.describe())
			.isEqualTo("PERMISSION_DENIED Unix socket listener 'out' does not allow uid " + nobody.uid());
	}

	@ParameterizedTest
	@EnumSource(SocketTransport.class)
	void aRegularFileAtThePathIsLeftUntouchedAndALiveSocketIsNotStolen(SocketTransport transport) throws Exception {
		UdsEventLoops loops = loops(transport);
		Path file = this.dir.socket("file.sock");
		Files.writeString(file, "not a socket");
		SocketFileException notASocket = catchThrowableOfType(SocketFileException.class,
				() -> this.fixture
					.start(UdsServer.builder().eventLoops(loops).listenUnixSocket(file).addService(this.echo)));
		assertThat(notASocket.getReason()).isEqualTo(SocketFileException.Reason.NOT_A_SOCKET);
		assertThat(Files.readString(file)).isEqualTo("not a socket");

		Path live = this.dir.socket("live.sock");
		this.fixture.start(UdsServer.builder().eventLoops(loops).listenUnixSocket(live).addService(this.echo));
		Object identity = Files.getAttribute(live, "unix:ino", LinkOption.NOFOLLOW_LINKS);
		SocketFileException inUse = catchThrowableOfType(SocketFileException.class,
				() -> this.fixture
					.start(UdsServer.builder().eventLoops(loops).listenUnixSocket(live).addService(this.echo)));
		assertThat(inUse.getReason()).isEqualTo(SocketFileException.Reason.IN_USE);
		assertThat(Files.getAttribute(live, "unix:ino", LinkOption.NOFOLLOW_LINKS)).isEqualTo(identity);
		assertThat(unary(loops, live)).as("the first server still answers").isEqualTo("OK");
		assertThat(this.dir.path()).isDirectoryNotContaining("glob:**/.u*");
	}

	@ParameterizedTest
	@EnumSource(SocketTransport.class)
	void aStaleSocketIsReplacedAndTheFileIsRemovedAtCloseOnlyIfStillOurs(SocketTransport transport)
			throws Exception {
		UdsEventLoops loops = loops(transport);
		Path socket = this.dir.socket("s.sock");
		staleSocketAt(socket);
		UdsServer first = this.fixture
			.start(UdsServer.builder().eventLoops(loops).listenUnixSocket(socket).addService(this.echo));
		assertThat(unary(loops, socket)).isEqualTo("OK");
		first.stop(Duration.ofSeconds(5));
		assertThat(socket).as("removed at close: it was ours").doesNotExist();

		UdsServer second = this.fixture
			.start(UdsServer.builder().eventLoops(loops).listenUnixSocket(socket).addService(this.echo));
		// A successor took the path while this server still runs (its file deleted, another socket bound there).
		Files.delete(socket);
		try (ServerSocketChannel successor = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			successor.bind(UnixDomainSocketAddress.of(socket));
			Object successorInode = Files.getAttribute(socket, "unix:ino", LinkOption.NOFOLLOW_LINKS);
			second.stop(Duration.ofSeconds(5));
			assertThat(Files.getAttribute(socket, "unix:ino", LinkOption.NOFOLLOW_LINKS))
				.as("the successor's socket is left in place")
				.isEqualTo(successorInode);
		}
		assertThat(this.dir.path()).isDirectoryNotContaining("glob:**/.u*");
	}

	@ParameterizedTest
	@EnumSource(SocketTransport.class)
	void theFileHasItsModeWhenItFirstAppearsAtThePath(SocketTransport transport) throws Exception {
		UdsEventLoops loops = loops(transport);
		Path socket = this.dir.socket("m.sock");
		CompletableFuture<Set<PosixFilePermission>> firstSeen = CompletableFuture.supplyAsync(() -> {
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (System.nanoTime() < deadline) {
				try {
					return Files.getPosixFilePermissions(socket, LinkOption.NOFOLLOW_LINKS);
				}
				catch (IOException ex) {
					Thread.onSpinWait(); // not there yet
				}
			}
			return null;
		});
		this.fixture.start(UdsServer.builder()
			.eventLoops(loops)
			.listenUnixSocket(socket, (options) -> options.fileMode("rw-------"))
			.addService(this.echo));

		assertThat(firstSeen.get(WAIT.toSeconds(), TimeUnit.SECONDS))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(unary(loops, socket)).isEqualTo("OK");
	}

	@ParameterizedTest
	@EnumSource(value = SocketTransport.class, names = { "EPOLL", "IO_URING" })
	@EnabledOnOs(OS.LINUX)
	void aNativeLinuxTransportServesAnAbstractName(SocketTransport transport) throws Exception {
		UdsEventLoops loops = loops(transport);
		String name = "udsgrpc-t-" + UUID.randomUUID();
		this.fixture.start(UdsServer.builder().eventLoops(loops).listenAbstractSocket(name, (options) -> {
		}).addService(this.echo));
		ManagedChannel channel = this.fixture
			.channel(UdsChannels.using(loops).channelBuilder("unix-abstract:" + name).build());

		assertThat(EchoGrpc.newBlockingStub(channel).unary(request("abstract")).getText()).isEqualTo("abstract");
	}

	@Test
	void nioRefusesAnAbstractNameNamingTheTransport() {
		UdsEventLoops loops = loops(SocketTransport.NIO);
		AbstractSocketException ex = catchThrowableOfType(AbstractSocketException.class,
				() -> this.fixture
					.start(UdsServer.builder().eventLoops(loops).listenAbstractSocket("udsgrpc-nio", (options) -> {
					}).addService(this.echo)));

		assertThat(ex.getReason()).isEqualTo(AbstractSocketException.Reason.NOT_SUPPORTED);
		assertThat(ex).hasMessageContaining("transport nio").hasMessageContaining("no abstract namespace");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> UdsChannels.using(loops).channelBuilder("unix-abstract:udsgrpc-nio"))
			.withMessageContaining("transport nio");
	}

	private String unary(UdsEventLoops loops, Path socket) {
		try {
			EchoGrpc.newBlockingStub(this.fixture.channel(loops, socket))
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.unary(request("x"));
			return "OK";
		}
		catch (StatusRuntimeException ex) {
			return ex.getStatus().getCode() + " " + ex.getStatus().getDescription();
		}
	}

	/** A socket file no server listens on: bound, then closed, and its file left behind. */
	private static void staleSocketAt(Path path) throws IOException {
		try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			stale.bind(UnixDomainSocketAddress.of(path));
		}
		assertThat(JavaProcess.isSocket(path)).as("a stale socket at " + path).isTrue();
	}

	/** Remembers the local address of the channel a call came on. */
	private static final class LocalAddress implements ServerInterceptor {

		private final AtomicReference<SocketAddress> local;

		LocalAddress(AtomicReference<SocketAddress> local) {
			this.local = local;
		}

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
				ServerCallHandler<Q, R> next) {
			this.local.set(call.getAttributes().get(Grpc.TRANSPORT_ATTR_LOCAL_ADDR));
			return next.startCall(call, headers);
		}

	}

}
