package io.github.udsgrpc.sample;

import io.github.udsgrpc.sample.proto.GreeterGrpc;
import io.github.udsgrpc.sample.proto.HelloRequest;
import io.grpc.Channel;

/**
 * The {@link io.github.udsgrpc.testsupport.AbstractSampleProcessTests.Greeter Greeter} call that the process tests
 * make from the test JVM, with this sample's generated stub.
 */
final class GreeterCall {

	private GreeterCall() {
	}

	static String sayHello(Channel channel, String name) {
		return GreeterGrpc.newBlockingStub(channel)
			.sayHello(HelloRequest.newBuilder().setName(name).build())
			.getMessage();
	}

}
