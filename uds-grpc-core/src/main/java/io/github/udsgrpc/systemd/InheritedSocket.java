package io.github.udsgrpc.systemd;

import io.github.udsgrpc.socket.UdsAddress;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ServerChannel;

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

	/**
	 * Makes the one listening channel on this socket, for a server that binds {@code address().toNettyAddress()}:
	 * the descriptor adopted as it is, never bound again and never unlinked.
	 * @return the channel factory; it makes one channel only
	 */
	public ChannelFactory<? extends ServerChannel> channelFactory() {
		return new AdoptedServerChannelFactory(this);
	}

}
