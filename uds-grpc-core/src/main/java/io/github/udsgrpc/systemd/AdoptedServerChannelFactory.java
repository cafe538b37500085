package io.github.udsgrpc.systemd;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.Socket;

/**
 * Makes the listening channel of an inherited socket for grpc-java's NettyServer, which always binds its channel.
 * The channel wraps the descriptor, already listening, as an active channel, and a handler at the head of its
 * pipeline answers the bind itself: Netty's own bind would unlink the path (systemd's file) and then fail, since
 * the socket is bound already.
 *
 * <p>
 * systemd passes a blocking socket, and Netty 4.1 has no call that makes a descriptor it did not create
 * non-blocking. Netty's edge-triggered accept loop calls {@code accept} until it fails, which on a blocking socket
 * would block the event loop (shared by every socket server and channel) until the next client. So the channel is
 * level-triggered and accepts one connection per readiness event: {@code accept} then only runs when epoll reported
 * a pending connection, and a Unix socket's pending connection stays queued until accepted. As a safety net for a
 * connection taken meanwhile by another process sharing the socket, {@code SO_RCVTIMEO} bounds a blocking
 * {@code accept} to about a millisecond, after which it fails with EAGAIN as on a non-blocking socket.
 *
 * <p>
 * Netty's {@code EpollServerDomainSocketChannel} deletes its socket file on close only if it bound it, so closing
 * the adopted channel closes the descriptor and leaves the file to systemd.
 */
final class AdoptedServerChannelFactory implements ChannelFactory<EpollServerDomainSocketChannel> {

	private static final int SOL_SOCKET = 1;

	private static final int SO_RCVTIMEO = 20;

	private final InheritedSocket socket;

	private final AtomicBoolean used = new AtomicBoolean();

	/**
	 * Creates the factory of the one channel on an inherited socket.
	 * @param socket the socket; the server must bind to {@code socket.address().toNettyAddress()}
	 */
	AdoptedServerChannelFactory(InheritedSocket socket) {
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
		channel.config().setEpollMode(EpollMode.LEVEL_TRIGGERED);
		channel.config().<MaxMessagesRecvByteBufAllocator>getRecvByteBufAllocator().maxMessagesPerRead(1);
		boundAcceptWait(channel);
		channel.pipeline().addFirst("uds-grpc-adopted-bind", new AlreadyBound(this.socket));
		return channel;
	}

	private void boundAcceptWait(EpollServerDomainSocketChannel channel) {
		// struct timeval { long tv_sec; long tv_usec; } on 64-bit Linux.
		ByteBuffer timeval = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putLong(0).putLong(1000).flip();
		try {
			((Socket) channel.fd()).setRawOpt(SOL_SOCKET, SO_RCVTIMEO, timeval);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("Could not set SO_RCVTIMEO on the inherited socket " + this.socket.address()
					+ " (" + this.socket.describe() + ")", ex);
		}
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
