package io.github.udsgrpc.autoconfigure.systemd;

import io.github.udsgrpc.autoconfigure.socket.UdsAddress;

/**
 * A listening Unix stream socket that systemd passed to this process.
 *
 * @param fd the descriptor number
 * @param fdName its name from {@code LISTEN_FDNAMES}, or {@code null}
 * @param address the address it is bound to, read with {@code getsockname}
 */
public record InheritedSocket(int fd, String fdName, UdsAddress address) {

	/**
	 * Names the descriptor for logs.
	 * @return for example {@code fd 3 (LISTEN_FDNAMES 'grpc')}
	 */
	public String describe() {
		return new ListenFds.PassedFd(this.fd, this.fdName).describe();
	}

}
