package io.github.udsgrpc.test;

import io.github.udsgrpc.test.app.PingApp;

/**
 * {@link AbstractUdsTestSocketExtensionTests} with the Spring Boot 3.5 line's application on net.devh's gRPC.
 */
class UdsTestSocketExtensionTests extends AbstractUdsTestSocketExtensionTests {

	UdsTestSocketExtensionTests() {
		super(PingApp.LINE);
	}

}
