package io.github.udsgrpc.benchmarks.transport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.Channel;
import io.grpc.Server;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;

/**
 * Plain grpc-java on a socket, no Spring: what any grpc-java program would write. Its own epoll event loop groups
 * (a boss of one thread and a worker of Netty's default size for the server, a default-sized group for the
 * client), plaintext, default executors. The floor for the starter's overhead.
 */
public class HandwiredUdsTransport extends GrpcTransport {

	private final Path socket;

	private final List<EventLoopGroup> groups = new ArrayList<>();

	private EventLoopGroup clients;

	private Server server;

	public HandwiredUdsTransport(String name, Side side, Path socket) {
		super(name, side);
		this.socket = socket;
	}

	@Override
	void startSides() throws Exception {
		if (this.side.hasClient()) {
			this.clients = group(0);
		}
		if (!this.side.hasServer()) {
			return;
		}
		EventLoopGroup boss = group(1);
		EventLoopGroup workers = group(0);
		this.server = NettyServerBuilder.forAddress(new DomainSocketAddress(this.socket.toString()))
			.channelType(EpollServerDomainSocketChannel.class)
			.bossEventLoopGroup(boss)
			.workerEventLoopGroup(workers)
			.addService(new BenchService())
			.build()
			.start();
	}

	@Override
	Channel openChannel(String clientName) {
		return NettyChannelBuilder.forAddress(new DomainSocketAddress(this.socket.toString()))
			.channelType(EpollDomainSocketChannel.class)
			.eventLoopGroup(this.clients)
			.usePlaintext()
			.build();
	}

	@Override
	void stopSides() throws Exception {
		if (this.server != null) {
			this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
		for (EventLoopGroup group : this.groups) {
			group.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(6, TimeUnit.SECONDS);
		}
	}

	/** A new epoll group of {@code threads} threads, 0 for Netty's default size. */
	private EventLoopGroup group(int threads) {
		EventLoopGroup group = new EpollEventLoopGroup(threads);
		this.groups.add(group);
		return group;
	}

}
