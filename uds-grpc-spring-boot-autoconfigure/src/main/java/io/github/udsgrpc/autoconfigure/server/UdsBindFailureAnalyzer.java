package io.github.udsgrpc.autoconfigure.server;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start that failed because a socket could not be bound, like Boot's "port already in use".
 */
class UdsBindFailureAnalyzer extends AbstractFailureAnalyzer<UdsBindException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UdsBindException cause) {
		String description = cause.getMessage();
		String action = "Check that the directory " + cause.getPath().getParent()
				+ " exists and that this process may create files in it, that the path is not too long for a "
				+ "Unix socket (107 bytes on Linux, 103 on macOS), and that no other process listens on it. "
				+ "Or set grpc.uds.path (or the listener declared in code) to another path.";
		return new FailureAnalysis(description, action, cause);
	}

}
