package io.github.udsgrpc.benchmarks.transport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.udsgrpc.benchmarks.proto.BenchGrpc;
import io.grpc.Channel;
import io.grpc.ManagedChannel;

/**
 * What the gRPC transports share: a long-lived channel opened after the server starts, and new channels for the
 * connect workload. With {@link Side#SERVER} only the server starts; with {@link Side#CLIENT} only the client side
 * (the server runs in another JVM).
 */
abstract class GrpcTransport implements Transport {

	private final String name;

	final Side side;

	private final AtomicInteger channelCount = new AtomicInteger();

	private Channel channel;

	GrpcTransport(String name, Side side) {
		this.name = name;
		this.side = side;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public void start() throws Exception {
		startSides();
		if (this.side.hasClient()) {
			this.channel = openChannel("bench");
			BenchGrpc.newBlockingStub(this.channel).echo(Payloads.TINY); // fail early
		}
	}

	@Override
	public Channel channel() {
		return this.channel;
	}

	@Override
	public RoundTrip roundTrip() {
		BenchGrpc.BenchBlockingStub stub = BenchGrpc.newBlockingStub(this.channel);
		return () -> stub.echo(Payloads.TINY);
	}

	@Override
	public AutoCloseable connectAndCall() throws Exception {
		Channel fresh = openChannel("connect-" + this.channelCount.incrementAndGet());
		try {
			BenchGrpc.newBlockingStub(fresh).echo(Payloads.TINY);
		}
		catch (RuntimeException ex) {
			closeChannel(fresh);
			throw ex;
		}
		return () -> closeChannel(fresh);
	}

	@Override
	public void stop() throws Exception {
		if (this.channel != null) {
			closeChannel(this.channel);
		}
		stopSides();
	}

	@Override
	public boolean isGrpc() {
		return true;
	}

	/** Starts what {@link #side} asks for: the server, what the client needs before its first channel, or both. */
	abstract void startSides() throws Exception;

	/**
	 * Opens a new channel to the server.
	 * @param clientName a name for it, unique per channel (the Spring transports' client name)
	 */
	abstract Channel openChannel(String clientName) throws Exception;

	/** Stops what {@link #startSides()} started and frees what it holds. */
	abstract void stopSides() throws Exception;

	/** Closes a channel made by {@link #openChannel}. */
	void closeChannel(Channel channel) throws InterruptedException {
		if (!(channel instanceof ManagedChannel managed)) {
			throw new IllegalStateException("Cannot close " + channel.getClass().getName() + " of " + this.name);
		}
		managed.shutdownNow();
		if (!managed.awaitTermination(5, TimeUnit.SECONDS)) {
			throw new IllegalStateException("A channel of " + this.name + " did not terminate within 5 s");
		}
	}

}
