package io.github.udsgrpc.autoconfigure.server;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.function.Supplier;

import io.github.udsgrpc.autoconfigure.socket.AbstractSocketException;
import io.github.udsgrpc.autoconfigure.socket.AbstractSocketException.Reason;
import io.github.udsgrpc.autoconfigure.socket.NativeTransport;
import io.github.udsgrpc.autoconfigure.socket.SocketPathLimit;
import io.github.udsgrpc.autoconfigure.socket.UdsAddress;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.channel.ServerChannel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A name in Linux's abstract namespace. There is no file, so none of the socket file's steps apply: no directory,
 * mode, group, link or stale socket. The kernel frees the name when the socket closes, so a name that is taken is
 * taken by a live socket.
 */
final class AbstractNamespaceListenerSocket implements ListenerSocket {

	private static final Log logger = LogFactory.getLog(AbstractNamespaceListenerSocket.class);

	private final UdsListener listener;

	private final Supplier<NativeTransport> transport;

	AbstractNamespaceListenerSocket(UdsListener listener, Supplier<NativeTransport> transport) {
		this.listener = listener;
		this.transport = transport;
	}

	@Override
	public void prepare() throws IOException {
		checkSupported(this.listener, this.transport.get());
		UdsAddress address = this.listener.address();
		if (address.length() > SocketPathLimit.ABSTRACT_NAME) {
			throw new AbstractSocketException(Reason.NAME_TOO_LONG, address, describe() + ": the name is "
					+ address.length() + " bytes long, and an abstract socket name may be at most "
					+ SocketPathLimit.ABSTRACT_NAME + " bytes", null);
		}
	}

	/**
	 * Refuses an abstract name where there is no abstract namespace: macOS and the BSDs (kqueue).
	 * @param listener the listener, for the message
	 * @param transport the native transport in use
	 * @throws AbstractSocketException if the transport is not epoll
	 */
	static void checkSupported(UdsListener listener, NativeTransport transport) throws AbstractSocketException {
		if (transport != NativeTransport.EPOLL) {
			throw new AbstractSocketException(Reason.NOT_SUPPORTED, listener.address(), "Abstract socket "
					+ listener.address() + " (listener '" + listener.name() + "'): abstract socket names exist only on "
					+ "Linux, and this is " + System.getProperty("os.name") + " (" + transport.name().toLowerCase()
					+ ")", null);
		}
	}

	@Override
	public SocketAddress bindAddress() {
		return this.listener.address().toNettyAddress();
	}

	@Override
	public ChannelFactory<? extends ServerChannel> channelFactory() {
		return new ReflectiveChannelFactory<>(NativeTransport.EPOLL.serverChannelType());
	}

	@Override
	public void publish() {
		warnNoPermissions(this.listener);
	}

	/**
	 * Says once per listener what an abstract socket does not protect.
	 * @param listener the listener
	 */
	static void warnNoPermissions(UdsListener listener) {
		logger.warn("gRPC listener '" + listener.name() + "' is on abstract socket " + listener.address()
				+ ", which has no file and so no permissions: any process in this network namespace can connect. "
				+ "Restrict callers by peer credentials (grpc.uds.same-user-only, grpc.uds.allowed-uids) or use a "
				+ "socket file");
	}

	@Override
	public void abandon() {
		// Nothing was made: a failed bind leaves no name behind.
	}

	@Override
	public IOException bindFailed(Exception failure) {
		return inUseOrFailed(this.listener, failure);
	}

	/**
	 * Tells a name another socket holds from other bind failures.
	 * @param listener the listener
	 * @param failure what the bind threw
	 * @return the exception to report
	 */
	static AbstractSocketException inUseOrFailed(UdsListener listener, Exception failure) {
		String root = UdsBindException.rootMessage(failure);
		String what = "Abstract socket " + listener.address() + " (listener '" + listener.name() + "')";
		if (root.contains("Address already in use")) {
			return new AbstractSocketException(Reason.IN_USE, listener.address(),
					what + ": in use, another socket is bound to this name", failure);
		}
		return new AbstractSocketException(Reason.BIND_FAILED, listener.address(),
				what + ": could not listen: " + root, failure);
	}

	@Override
	public void release() {
		// The name goes with the socket.
	}

	private String describe() {
		return "Abstract socket " + this.listener.address() + " (listener '" + this.listener.name() + "')";
	}

}
