package io.github.udsgrpc.test;

import io.github.udsgrpc.test.app.PingApp4;

/**
 * {@link AbstractContextCachingAndCleanupTests} with the Spring Boot 4.1 line's application on Spring Boot's own gRPC.
 */
class ContextCachingAndCleanupTests extends AbstractContextCachingAndCleanupTests {

	ContextCachingAndCleanupTests() {
		super(PingApp4.LINE);
	}

}
