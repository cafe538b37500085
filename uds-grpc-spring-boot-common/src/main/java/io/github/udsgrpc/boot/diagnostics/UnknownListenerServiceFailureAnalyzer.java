package io.github.udsgrpc.boot.diagnostics;

import io.github.udsgrpc.server.UnknownListenerServiceException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a listener limited to a service that is not registered.
 */
class UnknownListenerServiceFailureAnalyzer extends AbstractFailureAnalyzer<UnknownListenerServiceException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnknownListenerServiceException cause) {
		return new FailureAnalysis(cause.getMessage() + ".",
				"Give UdsListenerOptions.services(...) of listener '" + cause.getListenerName()
						+ "' full service names as the generated code spells them (FooGrpc.SERVICE_NAME), one of "
						+ cause.getRegistered() + ", or register a @GrpcService for '" + cause.getServiceName() + "'.",
				cause);
	}

}
