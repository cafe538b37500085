package io.github.udsgrpc.socket;

import io.netty.channel.EventLoopGroup;
import io.netty.util.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event loops of the Netty on the class path: {@code EpollEventLoopGroup} on Netty 4.1 (the Boot 3.5 line), an
 * IoHandler group on Netty 4.2 (the Boot 4.1 line, which runs these tests too).
 */
class NettyEventLoopsTests {

	private static String nettyVersion() {
		return Version.identify().get("netty-transport").artifactVersion();
	}

	@Test
	void ioHandlerLoopsAreThoseOfNetty42AndLater() {
		assertThat(NettyEventLoops.ioHandlerLoops()).isEqualTo(!nettyVersion().startsWith("4.1."));
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void epollLoopsAreOfTheKindTheNettyVersionPrefers() {
		EventLoopGroup group = SocketTransport.EPOLL.newEventLoopGroup(1, Thread::new);
		try {
			String expected = nettyVersion().startsWith("4.1.") ? "io.netty.channel.epoll.EpollEventLoopGroup"
					: "io.netty.channel.MultiThreadIoEventLoopGroup";
			assertThat(group.getClass().getName()).isEqualTo(expected);
			assertThat(group.submit(() -> Thread.currentThread().getName()).syncUninterruptibly().getNow()).isNotNull();
		}
		finally {
			group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
		}
	}

}
