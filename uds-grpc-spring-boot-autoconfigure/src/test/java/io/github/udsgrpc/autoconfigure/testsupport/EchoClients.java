package io.github.udsgrpc.autoconfigure.testsupport;

import io.github.udsgrpc.test.echo.EchoGrpc;
import net.devh.boot.grpc.client.inject.GrpcClient;

/**
 * Stubs injected the way users inject them, all for the client named "echo".
 */
public class EchoClients {

	@GrpcClient("echo")
	public EchoGrpc.EchoBlockingStub blocking;

	@GrpcClient("echo")
	public EchoGrpc.EchoStub async;

}
