package io.github.udsgrpc.benchmarks.process;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.udsgrpc.benchmarks.transport.Side;
import io.github.udsgrpc.benchmarks.transport.Transport;
import io.github.udsgrpc.benchmarks.transport.Transports;
import io.grpc.Channel;

/**
 * A transport whose server runs in a {@link ChildJvm child JVM} and whose client runs here, made exactly as in the
 * one-JVM mode (the same Spring context or builder, with only the client side started). The child is the same
 * {@code java} binary with the same JVM options and the same class path as this JVM, running {@link ServerProcess}.
 */
public final class TwoProcessTransport implements Transport {

	/** Numbers the server JVMs, for their flight recordings' file names. */
	private static final AtomicInteger STARTED = new AtomicInteger();

	private final String spec;

	private final Path socket;

	private final int port;

	private final Map<String, String> starterProperties;

	private final PrintStream out;

	private final Transport client;

	private ChildJvm server;

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
		this.server = startServer();
		try {
			this.client.start();
		}
		catch (Exception ex) {
			this.server.close();
			throw ex;
		}
	}

	/**
	 * Starts the server JVM and waits until its server accepts calls. Its output is copied to {@link #out}, each line
	 * prefixed with {@code [server NAME]}; a flight recording of this JVM's gets e.g. {@code -server2} in its file
	 * name.
	 * @return the running child
	 * @throws IOException if the JVM cannot be started, or exits or is not ready within two minutes
	 */
	private ChildJvm startServer() throws IOException {
		List<String> args = new ArrayList<>(List.of(this.spec, this.socket.toString(), Integer.toString(this.port)));
		this.starterProperties.forEach((key, value) -> args.add(key + "=" + value));
		ChildJvm server = ChildJvm.spawn("server " + this.spec, "server JVM of " + this.spec,
				"server" + STARTED.incrementAndGet(), System.getProperty("java.class.path"),
				ServerProcess.class.getName(), args, List.of(), this.out);
		server.awaitReady();
		return server;
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
