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
						+ cause.getRegistered() + ", or register a service for '" + cause.getServiceName()
						+ "' (a @GrpcService with net.devh; a BindableService bean with Spring Boot 4's gRPC).",
				cause);
	}

}
