package io.github.udsgrpc.sample;

import io.github.udsgrpc.testsupport.AbstractSampleSocketActivationTests;

/**
 * The sample (Spring Boot 3.5) started by {@code systemd-socket-activate}: its listener adopts the socket systemd
 * made, for outside callers and for its own {@code @GrpcClient} stub behind the REST endpoint.
 */
class SampleApplicationSocketActivationTests extends AbstractSampleSocketActivationTests {

	SampleApplicationSocketActivationTests() {
		super("sample-socket-activated", SampleApplication.class, GreeterCall::sayHello);
	}

}
