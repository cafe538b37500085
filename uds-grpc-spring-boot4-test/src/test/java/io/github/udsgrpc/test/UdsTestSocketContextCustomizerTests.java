package io.github.udsgrpc.test;

import io.github.udsgrpc.test.app.PingApp4;

/**
 * {@link AbstractUdsTestSocketContextCustomizerTests} with the Spring Boot 4.1 line's application on Spring Boot's own
 * gRPC. (The factory's own tests, the same whatever the line, run in uds-grpc-spring-boot-test.)
 */
class UdsTestSocketContextCustomizerTests extends AbstractUdsTestSocketContextCustomizerTests {

	UdsTestSocketContextCustomizerTests() {
		super(PingApp4.LINE);
	}

}
