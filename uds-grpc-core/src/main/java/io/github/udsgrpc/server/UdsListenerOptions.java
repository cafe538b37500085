package io.github.udsgrpc.server;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

import io.github.udsgrpc.peer.PeerAccessPolicy;
import io.github.udsgrpc.socket.FileModes;
import io.github.udsgrpc.socket.SocketFileSettings;
import io.grpc.netty.NettyServerBuilder;

/**
 * Options of one socket listener declared in code, the counterpart of Kestrel's {@code ListenOptions}.
 */
public final class UdsListenerOptions {

	private String name;

	private Consumer<NettyServerBuilder> serverCustomizer = (builder) -> {
	};

	private SocketFileSettings socketFile;

	private PeerAccessPolicy peerAccess;

	private Set<String> services = Set.of();

	private ConnectionLimits limits;

	private boolean socketFileCustomized;

	UdsListenerOptions(String defaultName, SocketFileSettings defaults, PeerAccessPolicy peerAccessDefaults,
			ConnectionLimits limitsDefaults) {
		this.name = defaultName;
		this.socketFile = defaults;
		this.peerAccess = peerAccessDefaults;
		this.limits = limitsDefaults;
	}

	/**
	 * Sets the socket file's permissions; defaults to {@code grpc.uds.file-mode} in the starters, {@code rw-rw----}
	 * otherwise.
	 * @param mode symbolic ({@code rw-rw----}) or octal ({@code 660})
	 * @return these options
	 */
	public UdsListenerOptions fileMode(String mode) {
		this.socketFile = this.socketFile.withFileMode(FileModes.parse("file mode of listener '" + this.name + "'", mode));
		this.socketFileCustomized = true;
		return this;
	}

	/**
	 * Sets the socket file's group; defaults to {@code grpc.uds.group}.
	 * @param group a group this process is a member of, or {@code null} for the process's own
	 * @return these options
	 */
	public UdsListenerOptions group(String group) {
		this.socketFile = this.socketFile.withGroup(group);
		this.socketFileCustomized = true;
		return this;
	}

	/**
	 * Names the listener in logs and events; defaults to the socket's file name.
	 * @param name a name unique among the application's listeners
	 * @return these options
	 */
	public UdsListenerOptions name(String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("A socket listener's name must not be blank");
		}
		this.name = name;
		return this;
	}

	/**
	 * Customizes this listener's server builder only (message size limits, executor, keep-alive and so on). It
	 * runs after every {@link UdsServerBuilderCustomizer} (in the Spring Boot starters: after the gRPC starter's
	 * server properties and its customizer beans), so it has the last word.
	 * @param customizer the customization; several calls add up in order
	 * @return these options
	 */
	public UdsListenerOptions customizeServer(Consumer<NettyServerBuilder> customizer) {
		this.serverCustomizer = this.serverCustomizer.andThen(customizer);
		return this;
	}

	/**
	 * Whether peers running as this process's user may call; replaces {@code grpc.uds.same-user-only} for this
	 * listener. A peer is allowed if it is the same user (when set), or its uid is allowed, or one of its groups is.
	 * @param sameUserOnly true to allow the process's own uid
	 * @return these options
	 */
	public UdsListenerOptions sameUserOnly(boolean sameUserOnly) {
		this.peerAccess = this.peerAccess.withSameUserOnly(sameUserOnly);
		return this;
	}

	/**
	 * The user ids that may call; replaces {@code grpc.uds.allowed-uids} for this listener. Root is not implied:
	 * list 0 to let it in.
	 * @param uids numeric user ids; none to allow no uid by this rule
	 * @return these options
	 * @throws io.github.udsgrpc.peer.PeerAccessPolicyException if an id is negative or too large
	 */
	public UdsListenerOptions allowedUids(long... uids) {
		this.peerAccess = this.peerAccess.withAllowedUids(source(), Arrays.stream(uids).boxed().toList());
		return this;
	}

	/**
	 * The group ids whose members may call; replaces {@code grpc.uds.allowed-gids} for this listener. On Linux only
	 * the peer's effective group counts (the kernel reports no supplementary groups); on macOS its supplementary
	 * groups count too.
	 * @param gids numeric group ids; none to allow no group by this rule
	 * @return these options
	 * @throws io.github.udsgrpc.peer.PeerAccessPolicyException if an id is negative or too large
	 */
	public UdsListenerOptions allowedGids(long... gids) {
		this.peerAccess = this.peerAccess.withAllowedGids(source(), Arrays.stream(gids).boxed().toList());
		return this;
	}

	/**
	 * Lets everyone the socket file's mode admits call this listener, whatever {@code grpc.uds.*} says.
	 * @return these options
	 */
	public UdsListenerOptions allowAnyPeer() {
		this.peerAccess = PeerAccessPolicy.open();
		return this;
	}

	/**
	 * Serves only these services on this listener (by default it serves every service of the server, health and
	 * reflection included). Startup fails if one of them is not registered.
	 * @param serviceNames full service names, such as {@code OrderServiceGrpc.SERVICE_NAME} or
	 * {@code grpc.health.v1.Health}
	 * @return these options
	 */
	public UdsListenerOptions services(String... serviceNames) {
		Set<String> names = new LinkedHashSet<>();
		for (String serviceName : serviceNames) {
			if (serviceName == null || serviceName.isBlank()) {
				throw new IllegalArgumentException("Socket listener '" + this.name + "': a service name is blank");
			}
			names.add(serviceName);
		}
		this.services = Set.copyOf(names);
		return this;
	}

	/**
	 * Limits the connections open at once on this listener; replaces {@code grpc.uds.max-connections}. Beyond it, a
	 * new connection is closed as soon as it is accepted, counted, and logged at most a few lines a minute;
	 * connections already open are not disturbed. Connections still in their handshake count.
	 * @param maxConnections at least 1, or {@link ConnectionLimits#UNLIMITED}
	 * @return these options
	 * @throws IllegalArgumentException if below 1
	 */
	public UdsListenerOptions maxConnections(int maxConnections) {
		this.limits = this.limits.withMaxConnections(checked("maximum connections", maxConnections));
		return this;
	}

	/**
	 * How long a new connection may take to send the HTTP/2 preface and its first SETTINGS frame before it is
	 * closed; replaces {@code grpc.uds.handshake-timeout} (default {@link ConnectionLimits#DEFAULT_HANDSHAKE_TIMEOUT}).
	 * @param handshakeTimeout at least a millisecond
	 * @return these options
	 * @throws IllegalArgumentException if shorter
	 */
	public UdsListenerOptions handshakeTimeout(Duration handshakeTimeout) {
		try {
			this.limits = this.limits.withHandshakeTimeout(handshakeTimeout);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new IllegalArgumentException(source() + ": handshake timeout "
					+ ((handshakeTimeout != null) ? ex.getMessage() : "must be set"), ex);
		}
		return this;
	}

	private int checked(String what, int maxConnections) {
		if (maxConnections < 1) {
			throw new IllegalArgumentException(source() + ": " + what + " must be at least 1, was " + maxConnections);
		}
		return maxConnections;
	}

	private String source() {
		return "socket listener '" + this.name + "'";
	}

	PeerAccessPolicy getPeerAccess() {
		return this.peerAccess;
	}

	Set<String> getServices() {
		return this.services;
	}

	String getName() {
		return this.name;
	}

	boolean isSocketFileCustomized() {
		return this.socketFileCustomized;
	}

	SocketFileSettings getSocketFile() {
		return this.socketFile;
	}

	ConnectionLimits getLimits() {
		return this.limits;
	}

	Consumer<NettyServerBuilder> getServerCustomizer() {
		return this.serverCustomizer;
	}

}
