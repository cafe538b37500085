package io.github.udsgrpc.boot.diagnostics;

import io.github.udsgrpc.server.UnknownNonBlockingMethodException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a non-blocking method name that matches no method of the services.
 */
class UnknownNonBlockingMethodFailureAnalyzer extends AbstractFailureAnalyzer<UnknownNonBlockingMethodException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnknownNonBlockingMethodException cause) {
		return new FailureAnalysis(cause.getMessage() + ".",
				"Correct '" + cause.getName() + "' in grpc.uds.non-blocking-methods: write package.Service/Method as "
						+ "on the wire, one of " + cause.getMethods() + ", or package.Service/* for all of a "
						+ "service's methods; or register the service it names. Marking the service implementation "
						+ "with @NonBlocking instead cannot be misspelt.",
				cause);
	}

}
