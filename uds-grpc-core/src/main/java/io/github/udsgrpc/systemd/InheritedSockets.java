package io.github.udsgrpc.systemd;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import io.github.udsgrpc.socket.SocketTransport;
import io.github.udsgrpc.socket.UdsAddress;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.Socket;

/**
 * The listening Unix sockets systemd passed to this process ({@code LISTEN_FDS}), for the listeners to adopt
 * instead of binding, as Kestrel's {@code UseSystemd()} and Docker's {@code fd://} do. Each passed descriptor is
 * checked with {@code getsockopt} (a Unix stream socket that listens) and {@code getsockname} (its path or abstract
 * name); a listener claims the one bound to its own address. Descriptors no listener claims are left open and
 * untouched, and reported.
 */
public class InheritedSockets {

	private static final System.Logger logger = System.getLogger(InheritedSockets.class.getName());

	// Linux values (asm-generic, the same on x86_64 and aarch64); systemd exists on Linux only.
	private static final int SOL_SOCKET = 1;

	private static final int SO_TYPE = 3;

	private static final int SO_ACCEPTCONN = 30;

	private static final int SO_DOMAIN = 39;

	private static final int AF_UNIX = 1;

	private static final int SOCK_STREAM = 1;

	private final List<InheritedSocket> available = new ArrayList<>();

	private final List<String> unusable = new ArrayList<>();

	private final String note;

	/**
	 * Inspects nothing: no socket is inherited.
	 */
	public InheritedSockets() {
		this.note = null;
	}

	/**
	 * No inherited socket: every listener binds its own.
	 * @return an empty set of inherited sockets
	 */
	public static InheritedSockets none() {
		return new InheritedSockets();
	}

	/**
	 * Takes and inspects the descriptors systemd passed to this process, if any and if no earlier context in this
	 * JVM took them.
	 * @return the inherited sockets
	 */
	public static InheritedSockets fromEnvironment() {
		return new InheritedSockets(ListenFds.takeOnce());
	}

	InheritedSockets(ListenFds.Result passed) {
		this.note = passed.note();
		if (passed.fds().isEmpty()) {
			if (this.note != null) {
				logger.log(Level.INFO, "Not adopting inherited sockets: " + this.note);
			}
			return;
		}
		if (!SocketTransport.EPOLL.isAvailable()) {
			logger.log(Level.WARNING, "systemd passed " + passed.fds().size() + " descriptor(s) (LISTEN_FDS), but "
					+ "adopting them needs Linux epoll, which is not available here; they are left alone");
			return;
		}
		for (ListenFds.PassedFd fd : passed.fds()) {
			inspect(fd);
		}
	}

	private void inspect(ListenFds.PassedFd passed) {
		// Only a view of the descriptor: closing it here would take it from whoever adopts it.
		Socket socket = new Socket(passed.fd());
		try {
			if (socket.getIntOpt(SOL_SOCKET, SO_DOMAIN) != AF_UNIX) {
				this.unusable.add(passed.describe() + ": not a Unix domain socket");
				return;
			}
			if (socket.getIntOpt(SOL_SOCKET, SO_TYPE) != SOCK_STREAM) {
				this.unusable.add(passed.describe() + ": a Unix socket, but not a stream socket");
				return;
			}
			if (socket.getIntOpt(SOL_SOCKET, SO_ACCEPTCONN) == 0) {
				this.unusable.add(passed.describe() + ": a Unix stream socket that does not listen");
				return;
			}
			DomainSocketAddress bound = socket.localDomainSocketAddress();
			if (bound == null || bound.path().isEmpty()) {
				this.unusable.add(passed.describe() + ": a listening Unix socket bound to no address");
				return;
			}
			InheritedSocket inherited = new InheritedSocket(passed.fd(), passed.name(), UdsAddress.of(bound));
			this.available.add(inherited);
			logger.log(Level.DEBUG,
					"Inherited listening socket " + inherited.address() + " on " + inherited.describe());
		}
		catch (IOException | RuntimeException ex) {
			this.unusable.add(passed.describe() + ": not a socket this process can use (" + ex.getMessage() + ")");
		}
	}

	/**
	 * Takes the inherited socket bound to an address, if there is one: the same abstract name, or the same socket
	 * file (by path, or by device and inode when the paths differ through a symbolic link).
	 * @param address the listener's address
	 * @return the socket, which no later call returns again
	 */
	public synchronized Optional<InheritedSocket> claim(UdsAddress address) {
		for (Iterator<InheritedSocket> it = this.available.iterator(); it.hasNext();) {
			InheritedSocket candidate = it.next();
			if (sameSocket(candidate.address(), address)) {
				it.remove();
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	private static boolean sameSocket(UdsAddress inherited, UdsAddress wanted) {
		if (inherited.equals(wanted)) {
			return true;
		}
		if (inherited.isAbstract() || wanted.isAbstract()) {
			return false;
		}
		try {
			return Files.isSameFile(inherited.path(), wanted.path());
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Logs every passed descriptor no listener claimed: it stays open and untouched.
	 */
	public synchronized void reportUnclaimed() {
		for (InheritedSocket socket : this.available) {
			logger.log(Level.WARNING, "systemd passed a listening socket at " + socket.address() + " ("
					+ socket.describe() + ") that matches no gRPC listener; it is left alone. Set grpc.uds.path (or "
					+ "declare a listener) to " + socket.address() + " to serve on it");
		}
		for (String problem : this.unusable) {
			logger.log(Level.WARNING,
					"systemd passed a descriptor no gRPC listener can use, left alone: " + problem);
		}
	}

	/**
	 * The inherited sockets not claimed so far.
	 * @return them, in descriptor order
	 */
	public synchronized List<InheritedSocket> unclaimed() {
		return List.copyOf(this.available);
	}

}
