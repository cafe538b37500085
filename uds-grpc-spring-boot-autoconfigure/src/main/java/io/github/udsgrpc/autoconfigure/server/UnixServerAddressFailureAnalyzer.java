package io.github.udsgrpc.autoconfigure.server;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@code grpc.server.address=unix:...} the starter could not take as its socket. It fails before the
 * application context exists, so this analyzer needs nothing from it.
 */
class UnixServerAddressFailureAnalyzer extends AbstractFailureAnalyzer<UnixServerAddressException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnixServerAddressException cause) {
		return new FailureAnalysis(cause.getMessage() + ".", cause.getAction(), cause);
	}

}
