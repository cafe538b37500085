package io.github.udsgrpc.test.app;

import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.test.ping.PingGrpc;
import io.github.udsgrpc.test.ping.PingRequest;

/**
 * Calls through the stub of the channel named "ping", injected the way Spring Boot 4.1 applications inject theirs.
 */
public class PingClient4 {

	private final PingGrpc.PingBlockingStub stub;

	public PingClient4(PingGrpc.PingBlockingStub stub) {
		this.stub = stub;
	}

	public String ping(String text) {
		// The deadline only guards against a hung test.
		return this.stub.withDeadlineAfter(1, TimeUnit.MINUTES).ping(PingRequest.newBuilder().setText(text).build()).getText();
	}

}
