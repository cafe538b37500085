package io.github.udsgrpc.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;

/**
 * A plain grpc-java server on a socket, wired by hand with none of the core's code: what any other grpc-java
 * program would do (plaintext, epoll). The counterpart of {@link HandWiredChannel}, for tests of clients.
 */
public final class HandWiredServer implements AutoCloseable {

	private final EventLoopGroup group = new EpollEventLoopGroup(1);

	private final Server server;

	/**
	 * Starts a server on a socket file.
	 * @param socket the path to bind; Netty removes whatever is there
	 * @param service the service to serve
	 * @throws IOException if it cannot bind
	 */
	public HandWiredServer(Path socket, ServerServiceDefinition service) throws IOException {
		this(new DomainSocketAddress(socket.toString()), service);
	}

	/**
	 * Starts a server on any Unix socket address, such as an abstract name ({@code "\0name"}).
	 * @param address the address
	 * @param service the service to serve
	 * @throws IOException if it cannot bind
	 */
	public HandWiredServer(DomainSocketAddress address, ServerServiceDefinition service) throws IOException {
		this.server = NettyServerBuilder.forAddress(address)
			.channelType(EpollServerDomainSocketChannel.class)
			.bossEventLoopGroup(this.group)
			.workerEventLoopGroup(this.group)
			// Only keeps the tests' output quiet: Netty warns on each connection that a domain socket has no
			// SO_KEEPALIVE, which grpc-java sets.
			.withChildOption(ChannelOption.SO_KEEPALIVE, null)
			.addService(service)
			.build();
		try {
			this.server.start();
		}
		catch (IOException | RuntimeException ex) {
			this.group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
			throw ex;
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.group.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(6, TimeUnit.SECONDS);
	}

}
