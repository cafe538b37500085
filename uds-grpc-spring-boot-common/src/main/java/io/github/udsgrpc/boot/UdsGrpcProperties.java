package io.github.udsgrpc.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.udsgrpc.server.ConnectionLimits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for gRPC over Unix domain sockets, the same on both Spring Boot lines: plain data, read
 * into the core's types (and checked) by {@link UdsGrpcPropertyValues}.
 *
 * <p>
 * The server listens on {@link #getPath() grpc.uds.path}; clients reach a socket with a {@code unix:} target
 * (net.devh's {@code grpc.client.NAME.address}, Spring gRPC's {@code spring.grpc.client.channel.NAME.target}).
 */
@ConfigurationProperties(prefix = "grpc.uds")
public class UdsGrpcProperties {

	/**
	 * Path of the Unix domain socket the application's gRPC server listens on, for example
	 * '/run/myapp/grpc.sock'. A relative path is resolved against the working directory. '@name' listens on a name
	 * in Linux's abstract namespace instead: no file, and no permissions, so any process in the network namespace
	 * can connect. When unset, the server listens only on the sockets declared in code through
	 * UdsListenerConfigurer beans.
	 */
	private String path;

	/**
	 * Whether the gRPC server keeps listening on its TCP address and port in addition to the socket
	 * (grpc.server.address/grpc.server.port with net.devh on Spring Boot 3.5, spring.grpc.server.address/port on
	 * Spring Boot 4.1). When false, no TCP port is opened.
	 */
	private boolean keepTcp = false;

	/**
	 * Number of threads of the event loop group shared by all socket servers and socket client channels. 0
	 * uses Netty's default of twice the number of available processors.
	 */
	private int eventLoopThreads = 0;

	/**
	 * Netty transport of socket servers and socket client channels: 'auto' (the platform's native one, epoll on
	 * Linux and kqueue on macOS, else NIO domain sockets), 'epoll', 'kqueue', 'io-uring' (Linux, Netty 4.2: the
	 * Spring Boot 4.1 line) or 'nio' (the JDK's domain sockets, no native library; no abstract names, no peer pid).
	 */
	private String transport = "auto";

	/**
	 * Permissions of the socket file, symbolic ('rw-rw----') or octal ('660'). Connecting needs write permission
	 * on the socket, so the default lets the owner and the group connect. In force before any client can connect.
	 */
	private String fileMode = "rw-rw----";

	/**
	 * Group of the socket file, for example the group of a sidecar allowed to connect. The process must be a
	 * member of it (or root). Unset keeps the process's group.
	 */
	private String group;

	/**
	 * Whether a missing parent directory of the socket is created. When false, startup fails naming it.
	 */
	private boolean createDirectories = true;

	/**
	 * Permissions of each directory created for the socket, symbolic ('rwxr-x---') or octal ('750'). Existing
	 * directories are left as they are.
	 */
	private String directoryMode = "rwxr-x---";

	/**
	 * Low-latency profile, for services that never block: service methods of socket listeners run on the event
	 * loop thread that read the request, and socket client channels deliver responses on their event loop (grpc-java's
	 * direct executor), saving a thread hand-off per call. A service that blocks stalls every connection on its loop.
	 */
	private boolean lowLatency = false;

	/**
	 * gRPC methods of socket listeners that never block and so run on the event loop thread that read the call,
	 * saving a thread hand-off, while every other method runs on the executor: 'package.Service/Method' (as on the
	 * wire) or 'package.Service/*' for all methods of a service. Methods can also be marked @NonBlocking on the
	 * service implementation. A name that matches no method fails startup.
	 */
	private List<String> nonBlockingMethods = new ArrayList<>();

	/**
	 * Executor that runs the service methods of socket listeners that are not non-blocking: 'cached' (grpc-java's
	 * default, an unbounded pool), 'fork-join' (a ForkJoinPool with a thread per processor, not for blocking code),
	 * 'virtual' (a virtual thread per call, JDK 21 or later), or 'auto': 'virtual' when
	 * spring.threads.virtual.enabled is true on JDK 21 or later, else 'cached'. An executor the application sets on
	 * the server builder takes precedence.
	 */
	private String executor = "auto";

	/**
	 * HTTP/2 flow-control window of socket listeners and socket channels, per stream and per connection. Unset
	 * keeps grpc-java's default (1 MiB, tuned by its bandwidth-delay probe). A larger fixed window lets a stream of
	 * large messages run without waiting for window updates.
	 */
	private DataSize flowControlWindow;

	/**
	 * Whether peers running as the same user as this process may call (uid compared with the peer credentials the
	 * kernel reports at connect time). A peer is allowed if any rule admits it: same user (when true), a uid in
	 * allowed-uids, or a group in allowed-gids. With none of the three set, everyone the socket file's mode lets
	 * connect may call. Applies to the grpc.uds.path listener and is the default of listeners declared in code.
	 */
	private boolean sameUserOnly = false;

	/**
	 * Numeric user ids whose processes may call (0 to 4294967294). Root (0) is not implied: list it to allow it.
	 * Applies to the grpc.uds.path listener and is the default of listeners declared in code.
	 */
	private List<Long> allowedUids = new ArrayList<>();

	/**
	 * Numeric group ids whose members may call (0 to 4294967294). On Linux only the peer's effective group is
	 * reported and compared; on macOS its supplementary groups are compared too. Applies to the grpc.uds.path
	 * listener and is the default of listeners declared in code.
	 */
	private List<Long> allowedGids = new ArrayList<>();

	/**
	 * Whether socket listeners adopt the listening sockets systemd passes (LISTEN_FDS, LISTEN_PID) when one is bound
	 * to the listener's path or abstract name, instead of binding. The file of an adopted socket is systemd's: it
	 * is not given a mode or group and not removed at shutdown.
	 */
	private boolean socketActivation = true;

	/**
	 * Most connections open at once on each socket listener, counted from accept (connections still in their
	 * handshake count). Beyond it, a new connection is closed at once, counted in the health details and metrics,
	 * and logged at most every 15 s; open connections are not disturbed. Unset for no limit. Applies to the
	 * grpc.uds.path listener and is the default of listeners declared in code.
	 */
	private Integer maxConnections;

	/**
	 * How long a new connection may take to send the HTTP/2 preface and its first SETTINGS frame before it is closed,
	 * so that peers that connect and never speak cannot hold connections. Applies to the grpc.uds.path listener and
	 * is the default of listeners declared in code.
	 */
	private Duration handshakeTimeout = ConnectionLimits.DEFAULT_HANDSHAKE_TIMEOUT;

	private final Client client = new Client();

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public boolean isKeepTcp() {
		return this.keepTcp;
	}

	public void setKeepTcp(boolean keepTcp) {
		this.keepTcp = keepTcp;
	}

	public int getEventLoopThreads() {
		return this.eventLoopThreads;
	}

	public void setEventLoopThreads(int eventLoopThreads) {
		this.eventLoopThreads = eventLoopThreads;
	}

	public String getTransport() {
		return this.transport;
	}

	public void setTransport(String transport) {
		this.transport = transport;
	}

	public String getFileMode() {
		return this.fileMode;
	}

	public void setFileMode(String fileMode) {
		this.fileMode = fileMode;
	}

	public String getGroup() {
		return this.group;
	}

	public void setGroup(String group) {
		this.group = group;
	}

	public boolean isCreateDirectories() {
		return this.createDirectories;
	}

	public void setCreateDirectories(boolean createDirectories) {
		this.createDirectories = createDirectories;
	}

	public String getDirectoryMode() {
		return this.directoryMode;
	}

	public void setDirectoryMode(String directoryMode) {
		this.directoryMode = directoryMode;
	}

	public boolean isLowLatency() {
		return this.lowLatency;
	}

	public void setLowLatency(boolean lowLatency) {
		this.lowLatency = lowLatency;
	}

	public List<String> getNonBlockingMethods() {
		return this.nonBlockingMethods;
	}

	public void setNonBlockingMethods(List<String> nonBlockingMethods) {
		this.nonBlockingMethods = nonBlockingMethods;
	}

	public String getExecutor() {
		return this.executor;
	}

	public void setExecutor(String executor) {
		this.executor = executor;
	}

	public DataSize getFlowControlWindow() {
		return this.flowControlWindow;
	}

	public void setFlowControlWindow(DataSize flowControlWindow) {
		this.flowControlWindow = flowControlWindow;
	}

	public boolean isSameUserOnly() {
		return this.sameUserOnly;
	}

	public void setSameUserOnly(boolean sameUserOnly) {
		this.sameUserOnly = sameUserOnly;
	}

	public List<Long> getAllowedUids() {
		return this.allowedUids;
	}

	public void setAllowedUids(List<Long> allowedUids) {
		this.allowedUids = allowedUids;
	}

	public List<Long> getAllowedGids() {
		return this.allowedGids;
	}

	public void setAllowedGids(List<Long> allowedGids) {
		this.allowedGids = allowedGids;
	}

	public boolean isSocketActivation() {
		return this.socketActivation;
	}

	public void setSocketActivation(boolean socketActivation) {
		this.socketActivation = socketActivation;
	}

	public Integer getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(Integer maxConnections) {
		this.maxConnections = maxConnections;
	}

	public Duration getHandshakeTimeout() {
		return this.handshakeTimeout;
	}

	public void setHandshakeTimeout(Duration handshakeTimeout) {
		this.handshakeTimeout = handshakeTimeout;
	}

	public Client getClient() {
		return this.client;
	}

	/**
	 * Settings for client channels whose target is a socket ({@code unix:}).
	 */
	public static class Client {

		/**
		 * Value of the ':authority' pseudo-header sent on calls over a socket. grpc-java would otherwise send the
		 * socket path, which Micrometer's observation and strict HTTP/2 servers (Kestrel, tonic) reject.
		 */
		private String authority = "localhost";

		public String getAuthority() {
			return this.authority;
		}

		public void setAuthority(String authority) {
			this.authority = authority;
		}

	}

}
