package io.github.udsgrpc.benchmarks.transport;

import java.util.concurrent.TimeUnit;

import io.grpc.Channel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;

/**
 * grpc-java's in-process transport, default executors: gRPC's cost with no socket and no HTTP/2 at all.
 */
public class InProcessTransport extends GrpcTransport {

	private final String serverName = InProcessServerBuilder.generateName();

	private Server server;

	public InProcessTransport(String name) {
		super(name, Side.BOTH);
	}

	@Override
	void startSides() throws Exception {
		this.server = InProcessServerBuilder.forName(this.serverName).addService(new BenchService()).build().start();
	}

	@Override
	Channel openChannel(String clientName) {
		return InProcessChannelBuilder.forName(this.serverName).build();
	}

	@Override
	void stopSides() throws Exception {
		if (this.server != null) {
			this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

}
