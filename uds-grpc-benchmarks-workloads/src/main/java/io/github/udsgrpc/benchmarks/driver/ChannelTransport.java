package io.github.udsgrpc.benchmarks.driver;

import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.benchmarks.proto.BenchGrpc;
import io.github.udsgrpc.benchmarks.transport.Payloads;
import io.grpc.Channel;
import io.grpc.ManagedChannel;

/**
 * The client side of a transport inside a client JVM: the channel an application got injected, and, where the
 * application's framework hands out channels that can be closed, a way to make new ones for the connect workload.
 */
public final class ChannelTransport implements io.github.udsgrpc.benchmarks.transport.Transport {

	private final String name;

	private final Channel channel;

	private final NewChannel newChannel;

	private int channels;

	/**
	 * @param name the transport's name
	 * @param channel the long-lived channel (as an injected stub has it: the framework's interceptors included)
	 * @param newChannel makes a new channel the way the application's framework does, or null if it cannot make
	 * one that can be closed again
	 */
	public ChannelTransport(String name, Channel channel, NewChannel newChannel) {
		this.name = name;
		this.channel = channel;
		this.newChannel = newChannel;
	}

	/** Makes a new channel, named for the framework's configuration. */
	@FunctionalInterface
	public interface NewChannel {

		ManagedChannel create(String clientName) throws Exception;

	}

	@Override
	public String name() {
		return this.name;
	}

	/**
	 * Makes the first call, waiting up to two minutes for the server: the harness starts server and client at once.
	 */
	@Override
	public void start() {
		BenchGrpc.newBlockingStub(this.channel)
			.withWaitForReady()
			.withDeadlineAfter(2, TimeUnit.MINUTES)
			.echo(Payloads.TINY);
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

	/**
	 * Whether the connect workload can run.
	 * @return true if new channels can be made and closed
	 */
	public boolean canConnect() {
		return this.newChannel != null;
	}

	@Override
	public AutoCloseable connectAndCall() throws Exception {
		if (this.newChannel == null) {
			throw new UnsupportedOperationException(this.name + " makes no channels that can be closed");
		}
		ManagedChannel fresh = this.newChannel.create("connect-" + (++this.channels));
		try {
			BenchGrpc.newBlockingStub(fresh).echo(Payloads.TINY);
		}
		catch (RuntimeException ex) {
			close(fresh);
			throw ex;
		}
		return () -> close(fresh);
	}

	private void close(ManagedChannel channel) throws InterruptedException {
		channel.shutdownNow();
		if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
			throw new IllegalStateException("A channel of " + this.name + " did not terminate within 5 s");
		}
	}

	@Override
	public void stop() {
		// the application closes its channels with its context
	}

	@Override
	public boolean isGrpc() {
		return true;
	}

}
