package io.github.udsgrpc.socket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SocketTransportTests {

	@Test
	@EnabledOnOs(OS.LINUX)
	void linuxUsesEpoll() {
		assumeTrue(SocketTransport.override() == null, "the transport is forced for this run");
		assertThat(SocketTransport.detect()).isEqualTo(SocketTransport.EPOLL);
	}

	@Test
	@EnabledOnOs(OS.MAC)
	void macOsUsesKqueue() {
		assumeTrue(SocketTransport.override() == null, "the transport is forced for this run");
		assertThat(SocketTransport.detect()).isEqualTo(SocketTransport.KQUEUE);
	}

	@Test
	void nioIsTheFallbackWhenNoNativeTransportLoads() {
		assertThat(SocketTransport.detect((transport) -> (transport == SocketTransport.NIO) ? null
				: new UnsatisfiedLinkError("no " + transport.value() + " here")))
			.isEqualTo(SocketTransport.NIO);
	}

	@Test
	void theOverridePropertyForcesWhatAutoPicks() {
		String before = System.getProperty(SocketTransport.OVERRIDE_PROPERTY);
		try {
			System.setProperty(SocketTransport.OVERRIDE_PROPERTY, "nio");
			assertThat(SocketTransport.override()).isEqualTo("nio");
			assertThat(SocketTransport.detect()).isEqualTo(SocketTransport.NIO);
			assertThat(new UdsEventLoops(1).transport()).isEqualTo(SocketTransport.NIO);
			assertThat(new UdsEventLoops(1, SocketTransport.EPOLL).requestedTransport())
				.as("a transport asked for by name is not overridden")
				.isEqualTo(SocketTransport.EPOLL);
			System.setProperty(SocketTransport.OVERRIDE_PROPERTY, "auto");
			assertThat(SocketTransport.override()).isNull();
			System.setProperty(SocketTransport.OVERRIDE_PROPERTY, "bogus");
			assertThatIllegalArgumentException().isThrownBy(SocketTransport::detect)
				.withMessage("Unknown socket transport 'bogus'; use one of epoll, kqueue, io-uring, nio");
		}
		finally {
			if (before != null) {
				System.setProperty(SocketTransport.OVERRIDE_PROPERTY, before);
			}
			else {
				System.clearProperty(SocketTransport.OVERRIDE_PROPERTY);
			}
		}
	}

	@Test
	void transportsAreNamedAsThePropertySpellsThem() {
		assertThat(SocketTransport.of("io-uring")).isEqualTo(SocketTransport.IO_URING);
		assertThat(SocketTransport.of("IO_URING")).isEqualTo(SocketTransport.IO_URING);
		assertThat(SocketTransport.of(" Nio ")).isEqualTo(SocketTransport.NIO);
		assertThat(SocketTransport.EPOLL.value()).isEqualTo("epoll");
	}

	@Test
	void ioUringOnNetty41FailsSayingItNeedsNetty42() {
		assumeTrue(!NettyEventLoops.ioHandlerLoops(), "Netty 4.2 here");
		assertThat(SocketTransport.IO_URING.isAvailable()).isFalse();
		assertThatExceptionOfType(SocketTransportUnavailableException.class)
			.isThrownBy(() -> SocketTransport.require(SocketTransport.IO_URING))
			.satisfies((ex) -> assertThat(ex.getRequested()).isEqualTo(SocketTransport.IO_URING))
			.withMessageContaining("The io-uring transport for Unix domain sockets cannot be used on ")
			.withMessageContaining("io_uring domain sockets need Netty 4.2 or later (the Spring Boot 4.1 line), "
					+ "and this is Netty 4.1.");
	}

	@Test
	void nioWorksOnBothNettyLines() {
		assertThat(SocketTransport.NIO.isAvailable()).isTrue();
		assertThat(SocketTransport.NIO.serverChannelType().getSimpleName()).isEqualTo("NioServerDomainSocketChannel");
		assertThat(SocketTransport.NIO.clientChannelType().getSimpleName()).isEqualTo("NioDomainSocketChannel");
	}

	@Test
	void kqueueIsTheFallbackWhenEpollCannotLoad() {
		assertThat(SocketTransport.detect((transport) -> (transport == SocketTransport.EPOLL)
				? new UnsatisfiedLinkError("no epoll here") : null))
			.isEqualTo(SocketTransport.KQUEUE);
	}

	@Test
	void withNoTransportTheFailureNamesEachWithItsReason() {
		assertThatExceptionOfType(SocketTransportUnavailableException.class)
			.isThrownBy(() -> SocketTransport.detect((transport) -> new UnsatisfiedLinkError(transport + " missing")))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).contains(SocketTransportUnavailableException.platform())
					.contains("epoll (netty-transport-native-epoll, classifier linux-x86_64 or linux-aarch_64)")
					.contains("EPOLL missing")
					.contains("kqueue (netty-transport-native-kqueue, classifier osx-x86_64 or osx-aarch_64)")
					.contains("KQUEUE missing")
					.contains("nio (Netty's NioDomainSocketChannel")
					.contains("NIO missing");
				assertThat(ex.getReasons()).hasSize(3);
				assertThat(ex.getRequested()).isNull();
			});
	}

	@Test
	void theTransportGivesMatchingChannelTypes() {
		assertThat(SocketTransport.EPOLL.serverChannelType().getSimpleName())
			.isEqualTo("EpollServerDomainSocketChannel");
		assertThat(SocketTransport.EPOLL.clientChannelType().getSimpleName()).isEqualTo("EpollDomainSocketChannel");
		assertThat(SocketTransport.KQUEUE.serverChannelType().getSimpleName())
			.isEqualTo("KQueueServerDomainSocketChannel");
		assertThat(SocketTransport.KQUEUE.clientChannelType().getSimpleName()).isEqualTo("KQueueDomainSocketChannel");
	}

}
