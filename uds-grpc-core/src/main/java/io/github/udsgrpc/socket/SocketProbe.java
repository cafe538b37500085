package io.github.udsgrpc.socket;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.Socket;

/**
 * Tells whether a server listens on a socket file by connecting to it without blocking. It goes through Netty's
 * native socket rather than the JDK's, because the JDK refuses paths of 107 bytes, which Linux allows; where no
 * native library loads (a platform that only has NIO domain sockets), through the JDK's.
 */
final class SocketProbe {

	/** What connecting told. */
	enum Liveness {

		/** Connected, or queued behind a full backlog: a server listens. */
		LIVE,

		/** Refused: nobody listens; the file is left over. */
		STALE,

		/** Anything else, such as permission denied: nothing can be concluded. */
		UNKNOWN

	}

	/**
	 * The answer and, when it is {@link Liveness#UNKNOWN}, why.
	 *
	 * @param liveness what connecting told
	 * @param failure the error, or {@code null}
	 */
	record Result(Liveness liveness, String failure) {

	}

	private SocketProbe() {
	}

	static Result probe(Path socketPath) {
		// Netty's native socket needs the library of epoll or kqueue; without one (NIO only), the JDK's.
		if (!SocketTransport.EPOLL.isAvailable() && !SocketTransport.KQUEUE.isAvailable()) {
			return probeWithJdk(socketPath);
		}
		Socket socket = Socket.newSocketDomain();
		try {
			socket.connect(new DomainSocketAddress(socketPath.toString()));
			return new Result(Liveness.LIVE, null); // connected, or in progress
		}
		catch (ConnectException ex) {
			return refusal(ex);
		}
		catch (IOException | RuntimeException ex) {
			return new Result(Liveness.UNKNOWN, String.valueOf(ex.getMessage()));
		}
		finally {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// A probe socket that fails to close holds nothing of the user's.
			}
		}
	}

	/**
	 * The same probe through the JDK's domain sockets, for platforms without a native transport: a non-blocking
	 * connect, as Netty's.
	 */
	static Result probeWithJdk(Path socketPath) {
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.configureBlocking(false);
			channel.connect(UnixDomainSocketAddress.of(socketPath));
			return new Result(Liveness.LIVE, null); // connected, or in progress
		}
		catch (IOException ex) {
			return refusal(ex);
		}
		catch (RuntimeException ex) {
			return new Result(Liveness.UNKNOWN, String.valueOf(ex.getMessage()));
		}
	}

	/**
	 * What a failed connect says of the path: refused, nobody listens (stale); EAGAIN, the listener's backlog is
	 * full (live); anything else, unknown.
	 */
	private static Result refusal(IOException ex) {
		String message = String.valueOf(ex.getMessage()).toLowerCase();
		if (message.contains("refused")) {
			return new Result(Liveness.STALE, ex.getMessage());
		}
		if (message.contains("temporarily unavailable")) {
			return new Result(Liveness.LIVE, null);
		}
		return new Result(Liveness.UNKNOWN, ex.getMessage());
	}

}
