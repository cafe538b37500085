package io.github.udsgrpc.test;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a test context that could not get a socket directory, naming the directories tried.
 */
class NoShortSocketDirectoryFailureAnalyzer extends AbstractFailureAnalyzer<NoShortSocketDirectoryException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NoShortSocketDirectoryException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
