package io.github.udsgrpc.autoconfigure.systemd;

import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;

/**
 * Makes the listening channel of an inherited socket for grpc-java's NettyServer, which always binds its channel.
 * The channel wraps the descriptor, already listening, as an active channel, and a handler at the head of its
 * pipeline answers the bind itself: Netty's own bind would unlink the path (systemd's file) and then fail, since
 * the socket is bound already.
 *
 * <p>
 * Netty's {@code EpollServerDomainSocketChannel} deletes its socket file on close only if it bound it, so closing
 * the adopted channel closes the descriptor and leaves the file to systemd.
 */
public final class AdoptedServerChannelFactory implements ChannelFactory<EpollServerDomainSocketChannel> {

	private final InheritedSocket socket;

	private final AtomicBoolean used = new AtomicBoolean();

	/**
	 * Creates the factory of the one channel on an inherited socket.
	 * @param socket the socket; the server must bind to {@code socket.address().toNettyAddress()}
	 */
	public AdoptedServerChannelFactory(InheritedSocket socket) {
		this.socket = socket;
	}

	@Override
	public EpollServerDomainSocketChannel newChannel() {
		if (!this.used.compareAndSet(false, true)) {
			// A second channel on the same descriptor would close it under the first.
			throw new IllegalStateException("The inherited socket " + this.socket.address() + " ("
					+ this.socket.describe() + ") was adopted already");
		}
		EpollServerDomainSocketChannel channel = new EpollServerDomainSocketChannel(this.socket.fd(), true);
		channel.pipeline().addFirst("uds-grpc-adopted-bind", new AlreadyBound(this.socket));
		return channel;
	}

	@Override
	public String toString() {
		return "AdoptedServerChannelFactory(" + this.socket.address() + ", " + this.socket.describe() + ")";
	}

	/**
	 * Completes the bind of an inherited socket without touching it, if it asks for the address the socket is
	 * bound to.
	 */
	private static final class AlreadyBound extends ChannelOutboundHandlerAdapter {

		private final InheritedSocket socket;

		AlreadyBound(InheritedSocket socket) {
			this.socket = socket;
		}

		@Override
		public void bind(ChannelHandlerContext ctx, SocketAddress localAddress, ChannelPromise promise) {
			if (!this.socket.address().toNettyAddress().equals(localAddress)) {
				promise.setFailure(new IllegalStateException("The inherited socket " + this.socket.address() + " ("
						+ this.socket.describe() + ") cannot be bound to " + localAddress));
				return;
			}
			promise.setSuccess();
		}

	}

}
