package io.github.udsgrpc.boot.diagnostics;

import io.github.udsgrpc.socket.AbstractSocketException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains why a listener could not listen on an abstract socket name, and what to do.
 */
class AbstractSocketFailureAnalyzer extends AbstractFailureAnalyzer<AbstractSocketException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, AbstractSocketException cause) {
		return new FailureAnalysis(cause.getMessage() + ".", action(cause), cause);
	}

	private static String action(AbstractSocketException cause) {
		String name = String.valueOf(cause.getAddress());
		return switch (cause.getReason()) {
			case NOT_SUPPORTED -> "Use a socket file (grpc.uds.path=/path/to/app.sock) on this platform; abstract "
					+ "names (@name) exist only on Linux.";
			case NAME_TOO_LONG -> "Use a shorter name. sun_path has 108 bytes, the first is the NUL byte that makes the "
					+ "name abstract, and Netty 4.1 cannot use the last one reliably.";
			case IN_USE -> "Another process in this network namespace, perhaps another instance of this application, "
					+ "listens on " + name + " (see ss -xlp | grep '" + name + "'). Stop it first, or give this instance "
					+ "another name. An abstract name is freed as soon as its socket is closed, so there is never a "
					+ "stale one to remove.";
			case BIND_FAILED -> "Check that this process may create Unix sockets, or use another name.";
		};
	}

}
