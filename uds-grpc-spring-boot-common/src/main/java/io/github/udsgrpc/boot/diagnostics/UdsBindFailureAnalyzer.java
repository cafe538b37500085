package io.github.udsgrpc.boot.diagnostics;

import io.github.udsgrpc.server.UdsBindException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start that failed because a socket could not be bound, like Boot's "port already in use".
 */
class UdsBindFailureAnalyzer extends AbstractFailureAnalyzer<UdsBindException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UdsBindException cause) {
		String description = cause.getMessage();
		if (cause.getPath() == null) {
			return new FailureAnalysis(description, "Check the socket systemd passed (systemctl status of the .socket "
					+ "unit) or, for an abstract name, choose another one.", cause);
		}
		String action = "Check that this process may create files in " + cause.getPath().getParent()
				+ " and that the file system there supports Unix sockets, or set grpc.uds.path (or the listener "
				+ "declared in code) to another path.";
		return new FailureAnalysis(description, action, cause);
	}

}
