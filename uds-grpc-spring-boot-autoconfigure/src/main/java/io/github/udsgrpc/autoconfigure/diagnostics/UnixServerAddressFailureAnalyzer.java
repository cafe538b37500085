package io.github.udsgrpc.autoconfigure.diagnostics;

import io.github.udsgrpc.autoconfigure.server.UnixServerAddressException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@code grpc.server.address=unix:...} the starter could not take as its socket. It fails before the
 * application context exists, so this analyzer needs nothing from it.
 */
class UnixServerAddressFailureAnalyzer extends AbstractFailureAnalyzer<UnixServerAddressException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnixServerAddressException cause) {
		return new FailureAnalysis(cause.getMessage() + ".", action(cause), cause);
	}

	private static String action(UnixServerAddressException cause) {
		return switch (cause.getReason()) {
			case CONFLICTS_WITH_PATH -> "Remove grpc.server.address, which is net.devh's way of naming the socket, and "
					+ "keep grpc.uds.path=" + cause.getPath() + "; for a socket and a TCP port at once, set "
					+ "grpc.uds.keep-tcp=true and grpc.server.address to a host address.";
			case NOT_A_SOCKET_ADDRESS -> "Set grpc.uds.path=/absolute/path (the starter's property), or write "
					+ "grpc.server.address as unix:/absolute/path, unix:///absolute/path or unix:relative/path.";
		};
	}

}
