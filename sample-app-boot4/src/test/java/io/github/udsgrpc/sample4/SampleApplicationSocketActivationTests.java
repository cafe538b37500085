package io.github.udsgrpc.sample4;

import io.github.udsgrpc.testsupport.AbstractSampleSocketActivationTests;

/**
 * The sample (Spring Boot 4.1) started by {@code systemd-socket-activate}: its listener adopts the socket systemd
 * made, for outside callers and for its own {@code @ImportGrpcClients} stub behind the REST endpoint.
 */
class SampleApplicationSocketActivationTests extends AbstractSampleSocketActivationTests {

	SampleApplicationSocketActivationTests() {
		super("sample4-socket-activated", SampleApplication.class, GreeterCall::sayHello);
	}

}
