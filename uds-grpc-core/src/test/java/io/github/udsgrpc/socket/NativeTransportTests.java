package io.github.udsgrpc.socket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NativeTransportTests {

	@Test
	@EnabledOnOs(OS.LINUX)
	void linuxUsesEpoll() {
		assertThat(NativeTransport.detect()).isEqualTo(NativeTransport.EPOLL);
	}

	@Test
	@EnabledOnOs(OS.MAC)
	void macOsUsesKqueue() {
		assertThat(NativeTransport.detect()).isEqualTo(NativeTransport.KQUEUE);
	}

	@Test
	void kqueueIsTheFallbackWhenEpollCannotLoad() {
		assertThat(NativeTransport.detect((transport) -> (transport == NativeTransport.EPOLL)
				? new UnsatisfiedLinkError("no epoll here") : null))
			.isEqualTo(NativeTransport.KQUEUE);
	}

	@Test
	void withNeitherTransportTheFailureNamesBothWithTheirReasons() {
		assertThatExceptionOfType(NativeTransportUnavailableException.class)
			.isThrownBy(() -> NativeTransport.detect((transport) -> new UnsatisfiedLinkError(transport + " missing")))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).contains(NativeTransportUnavailableException.platform())
					.contains("epoll (netty-transport-native-epoll, classifier linux-x86_64 or linux-aarch_64)")
					.contains("EPOLL missing")
					.contains("kqueue (netty-transport-native-kqueue, classifier osx-x86_64 or osx-aarch_64)")
					.contains("KQUEUE missing");
				assertThat(ex.getReasons()).hasSize(2);
			});
	}

	@Test
	void theTransportGivesMatchingChannelTypes() {
		assertThat(NativeTransport.EPOLL.serverChannelType().getSimpleName())
			.isEqualTo("EpollServerDomainSocketChannel");
		assertThat(NativeTransport.EPOLL.clientChannelType().getSimpleName()).isEqualTo("EpollDomainSocketChannel");
		assertThat(NativeTransport.KQUEUE.serverChannelType().getSimpleName())
			.isEqualTo("KQueueServerDomainSocketChannel");
		assertThat(NativeTransport.KQUEUE.clientChannelType().getSimpleName()).isEqualTo("KQueueDomainSocketChannel");
	}

}
