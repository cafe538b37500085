package io.github.udsgrpc.server;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import io.github.udsgrpc.peer.PeerAccessPolicy;
import io.github.udsgrpc.socket.SocketFileSettings;
import io.github.udsgrpc.socket.UdsAddress;
import io.grpc.netty.NettyServerBuilder;

/**
 * One socket the gRPC server listens on: a name for logs and events, an address (a socket file's absolute path or
 * a Linux abstract name), how its file is made, the listener's own server builder customization, who may call and
 * which services it serves.
 *
 * @param name the listener's name, unique within the application
 * @param address the socket file's absolute path, or an abstract name
 * @param socketFile the socket file's mode and group, and how its directory is made; unused for an abstract name
 * @param serverCustomizer applied to this listener's server builder after every {@link UdsServerBuilderCustomizer}
 * @param peerAccess which peers may call, by the credentials they connected with
 * @param services the names of the services this listener serves ({@code pkg.Service}), empty for all
 * @param limits how many connections it keeps open, and how long a new one may take to become a gRPC client
 */
public record UdsListener(String name, UdsAddress address, SocketFileSettings socketFile,
		Consumer<NettyServerBuilder> serverCustomizer, PeerAccessPolicy peerAccess, Set<String> services,
		ConnectionLimits limits) {

	/** Name of the listener that {@code grpc.uds.path} declares. */
	public static final String DEFAULT_NAME = "default";

	public UdsListener {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(address, "address");
		Objects.requireNonNull(socketFile, "socketFile");
		Objects.requireNonNull(serverCustomizer, "serverCustomizer");
		Objects.requireNonNull(peerAccess, "peerAccess");
		Objects.requireNonNull(limits, "limits");
		services = Set.copyOf(services);
	}

	/**
	 * A listener with the {@link ConnectionLimits#DEFAULTS default connection limits}.
	 * @param name the listener's name, unique within the application
	 * @param address the socket file's absolute path, or an abstract name
	 * @param socketFile the socket file's mode and group, and how its directory is made
	 * @param serverCustomizer applied to this listener's server builder after every {@link UdsServerBuilderCustomizer}
	 * @param peerAccess which peers may call, by the credentials they connected with
	 * @param services the names of the services this listener serves ({@code pkg.Service}), empty for all
	 */
	public UdsListener(String name, UdsAddress address, SocketFileSettings socketFile,
			Consumer<NettyServerBuilder> serverCustomizer, PeerAccessPolicy peerAccess, Set<String> services) {
		this(name, address, socketFile, serverCustomizer, peerAccess, services, ConnectionLimits.DEFAULTS);
	}

	/**
	 * A listener that lets everyone who can connect call every service.
	 * @param name the listener's name, unique within the application
	 * @param address the socket file's absolute path, or an abstract name
	 * @param socketFile the socket file's mode and group, and how its directory is made
	 * @param serverCustomizer applied to this listener's server builder after every {@link UdsServerBuilderCustomizer}
	 */
	public UdsListener(String name, UdsAddress address, SocketFileSettings socketFile,
			Consumer<NettyServerBuilder> serverCustomizer) {
		this(name, address, socketFile, serverCustomizer, PeerAccessPolicy.open(), Set.of());
	}

	/**
	 * The socket file's path.
	 * @return the absolute path
	 * @throws IllegalStateException for an abstract socket, which has no file; see {@link #address()}
	 */
	public Path path() {
		return this.address.path();
	}

	/**
	 * Whether this listener serves a service.
	 * @param serviceName the service's full name ({@code pkg.Service})
	 * @return true if it serves all services or this one is listed
	 */
	public boolean serves(String serviceName) {
		return this.services.isEmpty() || this.services.contains(serviceName);
	}

	/**
	 * The address in gRPC's target syntax, as a client would dial it.
	 * @return {@code unix:/path}, or {@code unix-abstract:name} for an abstract socket
	 */
	public String target() {
		return this.address.target();
	}

}
