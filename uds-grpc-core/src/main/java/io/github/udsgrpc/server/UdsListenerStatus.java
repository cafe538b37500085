package io.github.udsgrpc.server;

/**
 * What one socket listener is doing right now, for health checks.
 *
 * @param listener the listener
 * @param listening whether its server has started and not been shut down
 * @param socketFileInPlace whether the file at the listener's path is the socket its server bound (same device
 * and inode); false when the file was deleted or replaced
 * @param openConnections the connections open on it (counted once their HTTP/2 handshake is done)
 */
public record UdsListenerStatus(UdsListener listener, boolean listening, boolean socketFileInPlace,
		int openConnections) {

}
