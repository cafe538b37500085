package io.github.udsgrpc.boot.testsupport;

import java.util.List;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The analysis Spring Boot would print for a startup failure, from the failure analyzers registered in
 * {@code META-INF/spring.factories}: a test that uses it also checks that the analyzer is registered.
 */
public final class FailureAnalyses {

	private FailureAnalyses() {
	}

	/**
	 * Analyzes a failure as Spring Boot does: the first registered analyzer that explains it.
	 * @param failure the startup failure
	 * @return the analysis
	 * @throws AssertionError if no registered analyzer explains it
	 */
	public static FailureAnalysis of(Throwable failure) {
		// Boot's own analyzers that need the context's bean factory or environment are skipped: the starter's need none.
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver.none(),
					SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
					}));
		for (FailureAnalyzer analyzer : analyzers) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		throw new AssertionError("No registered failure analyzer explains " + failure);
	}

}
