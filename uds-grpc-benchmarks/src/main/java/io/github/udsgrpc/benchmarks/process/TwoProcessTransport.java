package io.github.udsgrpc.benchmarks.process;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import io.github.udsgrpc.benchmarks.transport.Side;
import io.github.udsgrpc.benchmarks.transport.Transport;
import io.github.udsgrpc.benchmarks.transport.Transports;
import io.grpc.Channel;

/**
 * A transport whose server runs in a {@link ChildServer child JVM} and whose client runs here, made exactly as in
 * the one-JVM mode (the same Spring context or builder, with only the client side started).
 */
public final class TwoProcessTransport implements Transport {

	private final String spec;

	private final Path socket;

	private final int port;

	private final Map<String, String> starterProperties;

	private final PrintStream out;

	private final Transport client;

	private ChildServer server;

	public TwoProcessTransport(String spec, Path socket, int port, Map<String, String> starterProperties,
			PrintStream out) {
		this.spec = spec;
		this.socket = socket;
		this.port = port;
		this.starterProperties = Map.copyOf(starterProperties);
		this.out = out;
		this.client = Transports.create(spec, Side.CLIENT, socket, port, starterProperties);
	}

	@Override
	public String name() {
		return this.spec;
	}

	@Override
	public void start() throws Exception {
		this.server = ChildServer.start(this.spec, this.socket, this.port, this.starterProperties, this.out);
		try {
			this.client.start();
		}
		catch (Exception ex) {
			this.server.close();
			throw ex;
		}
	}

	/**
	 * The server JVM's process id, whose CPU time counts with this JVM's.
	 * @return the pid
	 */
	public long serverPid() {
		return this.server.pid();
	}

	@Override
	public Channel channel() {
		return this.client.channel();
	}

	@Override
	public RoundTrip roundTrip() {
		return this.client.roundTrip();
	}

	@Override
	public AutoCloseable connectAndCall() throws Exception {
		return this.client.connectAndCall();
	}

	@Override
	public boolean isGrpc() {
		return this.client.isGrpc();
	}

	@Override
	public void stop() throws Exception {
		try {
			this.client.stop();
		}
		finally {
			if (this.server != null) {
				this.server.close();
			}
		}
	}

}
