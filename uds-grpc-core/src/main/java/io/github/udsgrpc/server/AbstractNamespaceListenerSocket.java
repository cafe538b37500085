package io.github.udsgrpc.server;

import java.io.IOException;
import java.lang.System.Logger.Level;

import io.github.udsgrpc.socket.AbstractSocketException;
import io.github.udsgrpc.socket.AbstractSocketException.Reason;
import io.github.udsgrpc.socket.SocketTransport;
import io.github.udsgrpc.socket.UdsAddress;
import io.netty.channel.ReflectiveChannelFactory;

/**
 * A name in Linux's abstract namespace. There is no file, so none of the socket file's steps apply: no directory,
 * mode, group, link or stale socket. The kernel frees the name when the socket closes, so a name that is taken is
 * taken by a live socket.
 */
final class AbstractNamespaceListenerSocket implements ListenerSocket {

	private static final System.Logger logger = System.getLogger(AbstractNamespaceListenerSocket.class.getName());

	private final UdsListener listener;

	private final SocketTransport transport;

	AbstractNamespaceListenerSocket(UdsListener listener, SocketTransport transport) {
		this.listener = listener;
		this.transport = transport;
	}

	@Override
	public Binding prepare() throws IOException {
		UdsAddress address = this.listener.address();
		UdsAddress.Problem problem = address.problemOn(this.transport).orElse(null);
		if (problem != null) {
			Reason reason = (problem.kind() == UdsAddress.Problem.Kind.ABSTRACT_NOT_SUPPORTED) ? Reason.NOT_SUPPORTED
					: Reason.NAME_TOO_LONG;
			throw new AbstractSocketException(reason, this.listener.name(), address,
					describe(this.listener) + ": " + problem.description(), null);
		}
		return new Binding(this.transport.channelAddress(address),
				new ReflectiveChannelFactory<>(this.transport.serverChannelType()));
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
		logger.log(Level.WARNING, "gRPC listener '" + listener.name() + "' is on abstract socket " + listener.address()
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
		if (root.contains("Address already in use")) {
			return new AbstractSocketException(Reason.IN_USE, listener.name(), listener.address(),
					describe(listener) + ": in use, another socket is bound to this name", failure);
		}
		return new AbstractSocketException(Reason.BIND_FAILED, listener.name(), listener.address(),
				describe(listener) + ": could not listen: " + root, failure);
	}

	@Override
	public void release() {
		// The name goes with the socket.
	}

	private static String describe(UdsListener listener) {
		return "Abstract socket " + listener.address() + " (listener '" + listener.name() + "')";
	}

}
