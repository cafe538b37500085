package io.github.udsgrpc.boot.load;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.udsgrpc.boot.process.BootLine;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application under load, and plain grpc-java clients wired by hand (none of the starter's client code).
 */
final class LoadClients {

	private LoadClients() {
	}

	/**
	 * Runs a line's echo application with the server probes, serving on the socket, its "echo" client pointed at it.
	 * @param line the Spring Boot line
	 * @param socket the socket path
	 * @param properties further properties
	 * @return the running context
	 */
	static ConfigurableApplicationContext runApp(BootLine line, Path socket, String... properties) {
		String[] all = new String[properties.length + 2];
		all[0] = "grpc.uds.path=" + socket;
		all[1] = line.echoClientTarget("unix:" + socket);
		System.arraycopy(properties, 0, all, 2, properties.length);
		Class<?>[] lineConfiguration = line.loadConfiguration();
		Class<?>[] configuration = new Class<?>[lineConfiguration.length + 1];
		configuration[0] = ServerProbe.class;
		System.arraycopy(lineConfiguration, 0, configuration, 1, lineConfiguration.length);
		return line.run(configuration, all);
	}

	/**
	 * An epoll event loop group whose threads are named after the test, never "uds-grpc" (the starter's) nor
	 * "epollEventLoopGroup" (what ContextCyclesTests looks for).
	 */
	static EventLoopGroup eventLoopGroup(String name, int threads) {
		return new EpollEventLoopGroup(threads, new DefaultThreadFactory(name, true));
	}

	/**
	 * A plaintext channel to the socket on the given group, as any grpc-java program would build it.
	 */
	static ManagedChannel channel(Path socket, EventLoopGroup group) {
		return channel(socket, group, (connection) -> {
		});
	}

	/**
	 * A plaintext channel to the socket on the given group, telling each connection (Netty channel) it opens.
	 */
	static ManagedChannel channel(Path socket, EventLoopGroup group, Consumer<Channel> opened) {
		return NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
			.channelFactory(() -> {
				EpollDomainSocketChannel connection = new EpollDomainSocketChannel();
				opened.accept(connection);
				return connection;
			})
			.eventLoopGroup(group)
			.usePlaintext()
			// grpc-java sets SO_KEEPALIVE, which a domain socket does not have: Netty would log one warning per
			// connection (1,000 of them in ThousandConnectionsOnOneSocketTests). null removes the option.
			.withOption(ChannelOption.SO_KEEPALIVE, null)
			.build();
	}

	/**
	 * Closes a connection's file descriptor under grpc-java, as the kernel does when the client's process dies: no
	 * RST_STREAM, no GOAWAY.
	 */
	static void drop(Channel connection) {
		connection.eventLoop().execute(() -> connection.unsafe().close(connection.unsafe().voidPromise()));
	}

	static void shutDown(ManagedChannel channel) {
		try {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void shutDown(EventLoopGroup group) {
		group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
	}

}
