package io.github.udsgrpc.server;

/**
 * What one socket listener is doing right now, for health checks and metrics.
 *
 * @param listener the listener
 * @param listening whether its server has started and not been shut down
 * @param socketFileInPlace whether the file at the listener's path is the socket its server bound (same device
 * and inode); false when the file was deleted or replaced
 * @param openConnections the connections open on it (counted once their HTTP/2 handshake is done)
 * @param refusedConnections the connections closed at once because the listener was at its
 * {@link ConnectionLimits#maxConnections() limit}, since it started
 * @param acceptFailures the times accepting a connection failed (out of file descriptors, for one), since it
 * started
 */
public record UdsListenerStatus(UdsListener listener, boolean listening, boolean socketFileInPlace,
		int openConnections, long refusedConnections, long acceptFailures) {

	/**
	 * The status of a listener whose server has not started.
	 * @param listener the listener
	 * @return not listening, no file in place, nothing counted
	 */
	public static UdsListenerStatus notStarted(UdsListener listener) {
		return new UdsListenerStatus(listener, false, false, 0, 0, 0);
	}

}
