package io.github.udsgrpc.test.app;

import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.test.ping.PingGrpc;
import io.github.udsgrpc.test.ping.PingRequest;
import net.devh.boot.grpc.client.inject.GrpcClient;

/**
 * The client named "ping", injected the way applications inject theirs.
 */
public class PingClient {

	@GrpcClient("ping")
	private PingGrpc.PingBlockingStub stub;

	public String ping(String text) {
		// The deadline only guards against a hung test.
		return this.stub.withDeadlineAfter(1, TimeUnit.MINUTES).ping(PingRequest.newBuilder().setText(text).build()).getText();
	}

}
