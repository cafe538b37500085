package io.github.udsgrpc.boot;

import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Set;

import io.github.udsgrpc.peer.PeerAccessPolicy;
import io.github.udsgrpc.peer.PeerAccessPolicyException;
import io.github.udsgrpc.server.CallExecutor;
import io.github.udsgrpc.server.ConnectionLimits;
import io.github.udsgrpc.server.NonBlockingMethods;
import io.github.udsgrpc.server.UdsListener;
import io.github.udsgrpc.server.UdsListenerConfigurer;
import io.github.udsgrpc.server.UdsListenerRegistry;
import io.github.udsgrpc.server.UdsListeners;
import io.github.udsgrpc.socket.FileModes;
import io.github.udsgrpc.socket.SocketFileSettings;
import io.github.udsgrpc.socket.SocketTransport;
import io.github.udsgrpc.socket.SocketTuning;
import io.github.udsgrpc.socket.UdsAddress;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * Reads {@link UdsGrpcProperties} into the core's types, once, at the edge: a value that breaks a rule fails startup
 * with Spring Boot's {@link InvalidConfigurationPropertyValueException}, naming the property, its value and the
 * rule, and Boot's own failure analysis.
 */
public final class UdsGrpcPropertyValues {

	private static final String PREFIX = "grpc.uds.";

	private UdsGrpcPropertyValues() {
	}

	/**
	 * The socket of {@code grpc.uds.path}.
	 * @param properties the properties
	 * @return the socket file or abstract name, or {@code null} when the property has no text
	 */
	public static UdsAddress path(UdsGrpcProperties properties) {
		String path = properties.getPath();
		if (!StringUtils.hasText(path)) {
			return null;
		}
		try {
			return UdsAddress.parse(path);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "path", path, ex.getMessage());
		}
	}

	/**
	 * The application's listeners: the one of {@code grpc.uds.path} first (named {@code default}), then those of the
	 * configurers in order, each starting from the {@code grpc.uds.*} socket file settings and peer policy.
	 * @param properties the properties
	 * @param configurers the configurer beans, in order
	 * @return the listeners
	 */
	public static UdsListeners listeners(UdsGrpcProperties properties, Iterable<UdsListenerConfigurer> configurers) {
		UdsListenerRegistry registry = new UdsListenerRegistry(socketFileSettings(properties), peerAccessPolicy(properties),
				connectionLimits(properties));
		UdsAddress path = path(properties);
		if (path != null) {
			registry.listen(path, (options) -> options.name(UdsListener.DEFAULT_NAME));
		}
		configurers.forEach((configurer) -> configurer.configure(registry));
		return registry.listeners();
	}

	/**
	 * The socket file settings, the defaults of every listener.
	 * @param properties the properties
	 * @return the settings of {@code file-mode}, {@code group}, {@code create-directories} and {@code directory-mode}
	 */
	public static SocketFileSettings socketFileSettings(UdsGrpcProperties properties) {
		return new SocketFileSettings(mode("file-mode", properties.getFileMode()), properties.getGroup(),
				properties.isCreateDirectories(), mode("directory-mode", properties.getDirectoryMode()));
	}

	private static Set<PosixFilePermission> mode(String property, String value) {
		try {
			return FileModes.parse(PREFIX + property, value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + property, value,
					"must be " + FileModes.FORMS);
		}
	}

	/**
	 * The connection limits, the default of every listener.
	 * @param properties the properties
	 * @return the limits of {@code max-connections} and {@code handshake-timeout}
	 */
	public static ConnectionLimits connectionLimits(UdsGrpcProperties properties) {
		ConnectionLimits limits = ConnectionLimits.DEFAULTS;
		if (properties.getMaxConnections() != null) {
			try {
				limits = limits.withMaxConnections(properties.getMaxConnections());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + "max-connections",
						properties.getMaxConnections(), "must be at least 1; leave it unset for no limit");
			}
		}
		Duration handshakeTimeout = properties.getHandshakeTimeout();
		try {
			return limits.withHandshakeTimeout(handshakeTimeout);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "handshake-timeout", handshakeTimeout,
					"must be at least 1ms");
		}
	}

	/**
	 * The peer access policy, the default of every listener.
	 * @param properties the properties
	 * @return the policy of {@code same-user-only}, {@code allowed-uids} and {@code allowed-gids}
	 */
	public static PeerAccessPolicy peerAccessPolicy(UdsGrpcProperties properties) {
		try {
			return PeerAccessPolicy.of(PREFIX, properties.isSameUserOnly(), properties.getAllowedUids(),
					properties.getAllowedGids());
		}
		catch (PeerAccessPolicyException ex) {
			Object value = ex.getSetting().endsWith("uids") ? properties.getAllowedUids() : properties.getAllowedGids();
			throw new InvalidConfigurationPropertyValueException(ex.getSetting(), value, ex.getProblem()
					+ ". Look ids up with 'id -u NAME' (users) or 'getent group NAME' (groups); names are not "
					+ "accepted, so that the policy cannot change when the user database does");
		}
	}

	/**
	 * The tuning that socket servers and socket channels share.
	 * @param properties the properties
	 * @return the tuning of {@code low-latency} and {@code flow-control-window}
	 */
	public static SocketTuning tuning(UdsGrpcProperties properties) {
		SocketTuning tuning = SocketTuning.DEFAULTS.withDirectExecutor(properties.isLowLatency());
		if (properties.getFlowControlWindow() == null) {
			return tuning;
		}
		try {
			return tuning.withFlowControlWindow(SocketTuning.window(properties.getFlowControlWindow().toBytes()));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "flow-control-window",
					properties.getFlowControlWindow(), "must be between 64KB and 2GB");
		}
	}

	/**
	 * The methods named non-blocking.
	 * @param properties the properties
	 * @return the methods of {@code non-blocking-methods}
	 */
	public static NonBlockingMethods nonBlockingMethods(UdsGrpcProperties properties) {
		try {
			return NonBlockingMethods.of(properties.getNonBlockingMethods());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "non-blocking-methods",
					properties.getNonBlockingMethods(), ex.getMessage());
		}
	}

	/**
	 * The executor of the service methods that are not non-blocking.
	 * @param properties the properties
	 * @param virtualThreadsEnabled whether {@code spring.threads.virtual.enabled} is true, for {@code auto}
	 * @return the executor of {@code executor}: for {@code auto}, virtual threads if enabled and the JDK has them,
	 * else the cached pool
	 */
	public static CallExecutor executor(UdsGrpcProperties properties, boolean virtualThreadsEnabled) {
		String value = properties.getExecutor();
		if (!StringUtils.hasText(value) || value.trim().equalsIgnoreCase("auto")) {
			return (virtualThreadsEnabled && CallExecutor.virtualThreadsAvailable()) ? CallExecutor.VIRTUAL
					: CallExecutor.CACHED;
		}
		CallExecutor executor;
		try {
			executor = CallExecutor.of(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "executor", value,
					"must be auto, cached, fork-join or virtual");
		}
		if (executor == CallExecutor.VIRTUAL && !CallExecutor.virtualThreadsAvailable()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "executor", value,
					"virtual threads need JDK 21 or later; this application runs on Java " + Runtime.version() + " ("
							+ System.getProperty("java.home") + "). Run it on JDK 21 or later, or choose cached");
		}
		return executor;
	}

	/**
	 * The number of event loop threads.
	 * @param properties the properties
	 * @return {@code event-loop-threads}, 0 for Netty's default
	 */
	public static int eventLoopThreads(UdsGrpcProperties properties) {
		if (properties.getEventLoopThreads() < 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "event-loop-threads",
					properties.getEventLoopThreads(), "must be 0 or more");
		}
		return properties.getEventLoopThreads();
	}

	/**
	 * The transport asked for.
	 * @param properties the properties
	 * @return the transport of {@code transport}, or {@code null} for {@code auto} (the platform's own, or the one
	 * the override {@value SocketTransport#OVERRIDE_PROPERTY} forces)
	 */
	public static SocketTransport transport(UdsGrpcProperties properties) {
		String value = properties.getTransport();
		if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("auto")) {
			return null;
		}
		try {
			return SocketTransport.of(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "transport", value,
					"must be one of auto, epoll, kqueue, io-uring, nio");
		}
	}

}
