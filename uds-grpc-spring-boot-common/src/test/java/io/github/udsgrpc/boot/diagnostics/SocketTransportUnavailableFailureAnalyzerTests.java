package io.github.udsgrpc.boot.diagnostics;

import java.util.List;

import io.github.udsgrpc.socket.SocketTransport;
import io.github.udsgrpc.socket.SocketTransportUnavailableException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class SocketTransportUnavailableFailureAnalyzerTests {

	@Test
	void theAnalysisListsEveryTransportsReasonAndTheFix() {
		SocketTransportUnavailableException ex = new SocketTransportUnavailableException(
				List.of("epoll (netty-transport-native-epoll): EPOLL missing", "kqueue (netty-transport-native-kqueue): "
						+ "KQUEUE missing", "nio (Netty's NioDomainSocketChannel): NIO missing"));
		FailureAnalysis analysis = new SocketTransportUnavailableFailureAnalyzer().analyze(ex);
		assertThat(analysis.getDescription()).contains("and none can be used on")
			.contains(SocketTransportUnavailableException.platform())
			.contains("  - epoll (netty-transport-native-epoll): EPOLL missing")
			.contains("  - kqueue (netty-transport-native-kqueue): KQUEUE missing")
			.contains("  - nio (Netty's NioDomainSocketChannel): NIO missing");
		assertThat(analysis.getAction()).contains("uds-grpc-spring-boot-starter").contains("grpc.uds.path");
	}

	@Test
	void ioUringAskedForOnNetty41SaysItNeedsTheBoot41LinesNetty() {
		SocketTransportUnavailableException ex = new SocketTransportUnavailableException(SocketTransport.IO_URING,
				List.of("io-uring (netty-transport-native-io_uring 4.2 or later): java.lang.ClassNotFoundException: "
						+ "io_uring domain sockets need Netty 4.2 or later (the Spring Boot 4.1 line), and this is "
						+ "Netty 4.1.135.Final"));
		FailureAnalysis analysis = new SocketTransportUnavailableFailureAnalyzer().analyze(ex);
		assertThat(analysis.getDescription()).contains("asked to use the io-uring transport (grpc.uds.transport")
			.contains("  - io-uring (netty-transport-native-io_uring 4.2 or later)")
			.contains("this is Netty 4.1.135.Final");
		assertThat(analysis.getAction()).contains("Spring Boot 4.1 line's Netty 4.2")
			.contains("uds-grpc-spring-boot4-starter")
			.contains("grpc.uds.transport=auto");
	}

}
