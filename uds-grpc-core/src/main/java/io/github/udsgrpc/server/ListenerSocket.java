package io.github.udsgrpc.server;

import java.io.IOException;
import java.net.SocketAddress;

import io.netty.channel.ChannelFactory;
import io.netty.channel.ServerChannel;

/**
 * How one listener comes to listen: by binding a socket file, by binding a name in the abstract namespace, or by
 * adopting a socket inherited from systemd. {@link ListenerServer} drives the steps in this order:
 * {@link #prepare()} says what to bind, the server binds it, then {@link #publish()}; {@link #abandon()} if
 * starting failed; {@link #release()} at shutdown while the server still listens.
 */
interface ListenerSocket {

	/**
	 * Checks that the socket can be listened on, gets it ready, and says what the server binds.
	 * @return the address to bind and the channel to bind it with
	 * @throws IOException with a reason the user can act on
	 */
	Binding prepare() throws IOException;

	/**
	 * Finishes once the server listens.
	 * @throws IOException if that fails; the caller closes the listening socket
	 */
	void publish() throws IOException;

	/**
	 * Undoes {@link #prepare()} after a failed start.
	 */
	void abandon();

	/**
	 * The exception to report for a server that could not start on the prepared binding.
	 * @param failure what grpc-java or Netty threw
	 * @return the exception to throw
	 */
	IOException bindFailed(Exception failure);

	/**
	 * Whether clients can still reach the socket by its address, for health checks. A socket file can be deleted or
	 * replaced under a running server; an abstract name lasts as long as the socket is open.
	 * @return true unless the address no longer leads to this socket
	 */
	default boolean isInPlace() {
		return true;
	}

	/**
	 * Lets go of what {@link #publish()} put in place, at shutdown while the server still listens.
	 */
	void release();

	/**
	 * What the server binds: the address, which may be a private one and not the listener's, and the channel that
	 * binds it.
	 *
	 * @param address the address handed to Netty's bind
	 * @param channelFactory makes the listening channel
	 */
	record Binding(SocketAddress address, ChannelFactory<? extends ServerChannel> channelFactory) {

	}

}
