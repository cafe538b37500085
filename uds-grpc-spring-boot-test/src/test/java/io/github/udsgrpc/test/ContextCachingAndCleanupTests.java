package io.github.udsgrpc.test;

import io.github.udsgrpc.test.app.PingApp;

/**
 * {@link AbstractContextCachingAndCleanupTests} with the Spring Boot 3.5 line's application on net.devh's gRPC.
 */
class ContextCachingAndCleanupTests extends AbstractContextCachingAndCleanupTests {

	ContextCachingAndCleanupTests() {
		super(PingApp.LINE);
	}

}
