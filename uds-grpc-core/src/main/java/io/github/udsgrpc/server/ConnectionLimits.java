package io.github.udsgrpc.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What one listener allows a connection before it is a gRPC client, and how many connections it keeps open: the
 * counterpart of Kestrel's {@code MaxConcurrentConnections} and Envoy's per-listener connection limit, plus
 * grpc-java's handshake timeout.
 *
 * @param maxConnections the most connections open at once on the listener, counted from {@code accept}, those
 * still in their handshake included; one more is closed as soon as it is accepted. {@link #UNLIMITED} for no limit
 * @param handshakeTimeout how long a connection may take to send the HTTP/2 preface and its first SETTINGS frame
 * before it is closed
 */
public record ConnectionLimits(int maxConnections, Duration handshakeTimeout) {

	/** No connection limit. */
	public static final int UNLIMITED = Integer.MAX_VALUE;

	/**
	 * The handshake timeout unless set: a local client sends its preface right after connecting, so this is room for
	 * a paused process, not for a network (grpc-java's own default, for TLS over networks, is 120 s).
	 */
	public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

	/** No connection limit, and the default handshake timeout. */
	public static final ConnectionLimits DEFAULTS = new ConnectionLimits(UNLIMITED, DEFAULT_HANDSHAKE_TIMEOUT);

	/**
	 * Checks the limits.
	 * @throws IllegalArgumentException if the connection limit is below 1 or the timeout is not positive
	 */
	public ConnectionLimits {
		Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
		if (maxConnections < 1) {
			throw new IllegalArgumentException("must be at least 1 (unset for no limit), was " + maxConnections);
		}
		if (handshakeTimeout.toMillis() < 1) {
			throw new IllegalArgumentException("must be at least 1ms, was " + handshakeTimeout);
		}
	}

	/**
	 * These limits with another connection limit.
	 * @param maxConnections at least 1, or {@link #UNLIMITED}
	 * @return the limits
	 * @throws IllegalArgumentException if below 1
	 */
	public ConnectionLimits withMaxConnections(int maxConnections) {
		return new ConnectionLimits(maxConnections, this.handshakeTimeout);
	}

	/**
	 * These limits with another handshake timeout.
	 * @param handshakeTimeout at least a millisecond
	 * @return the limits
	 * @throws IllegalArgumentException if shorter
	 */
	public ConnectionLimits withHandshakeTimeout(Duration handshakeTimeout) {
		return new ConnectionLimits(this.maxConnections, handshakeTimeout);
	}

	/**
	 * Whether the number of connections is limited.
	 * @return false for {@link #UNLIMITED}
	 */
	public boolean isLimited() {
		return this.maxConnections != UNLIMITED;
	}

}
