package io.github.udsgrpc.testsupport;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.unix.DomainSocketAddress;

/**
 * A plain grpc-java channel to a socket, wired by hand with none of the starter's code: what any other
 * grpc-java program would do.
 */
public final class HandWiredChannel implements AutoCloseable {

	private final EventLoopGroup group = new EpollEventLoopGroup(1);

	private final ManagedChannel channel;

	public HandWiredChannel(Path socket) {
		this(new DomainSocketAddress(socket.toString()));
	}

	/**
	 * A channel to any Unix socket address, such as an abstract name ({@code "\0name"}).
	 * @param address the address
	 */
	public HandWiredChannel(DomainSocketAddress address) {
		this.channel = NettyChannelBuilder.forAddress(address)
			.channelType(EpollDomainSocketChannel.class)
			.eventLoopGroup(this.group)
			.usePlaintext()
			.build();
	}

	public ManagedChannel channel() {
		return this.channel;
	}

	@Override
	public void close() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.group.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(6, TimeUnit.SECONDS);
	}

}
