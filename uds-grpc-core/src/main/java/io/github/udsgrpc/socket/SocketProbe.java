package io.github.udsgrpc.socket;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;

import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.Socket;

/**
 * Tells whether a server listens on a socket file by connecting to it without blocking. It goes through Netty's
 * native socket rather than the JDK's, because the JDK refuses paths of 107 bytes, which Linux allows.
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
		NativeTransport.detect(); // loads the native library that Netty's unix sockets live in
		Socket socket = Socket.newSocketDomain();
		try {
			socket.connect(new DomainSocketAddress(socketPath.toString()));
			return new Result(Liveness.LIVE, null); // connected, or in progress
		}
		catch (ConnectException ex) {
			String message = String.valueOf(ex.getMessage()).toLowerCase();
			if (message.contains("refused")) {
				return new Result(Liveness.STALE, ex.getMessage());
			}
			if (message.contains("temporarily unavailable")) {
				return new Result(Liveness.LIVE, null); // EAGAIN: the listener's backlog is full
			}
			return new Result(Liveness.UNKNOWN, ex.getMessage());
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

}
