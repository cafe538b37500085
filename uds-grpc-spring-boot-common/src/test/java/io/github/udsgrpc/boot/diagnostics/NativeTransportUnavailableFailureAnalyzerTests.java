package io.github.udsgrpc.boot.diagnostics;

import java.util.List;

import io.github.udsgrpc.socket.NativeTransportUnavailableException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class NativeTransportUnavailableFailureAnalyzerTests {

	@Test
	void theAnalysisListsEveryTransportsReasonAndTheFix() {
		NativeTransportUnavailableException ex = new NativeTransportUnavailableException(
				List.of("epoll (netty-transport-native-epoll): EPOLL missing", "kqueue (netty-transport-native-kqueue): "
						+ "KQUEUE missing"));
		FailureAnalysis analysis = new NativeTransportUnavailableFailureAnalyzer().analyze(ex);
		assertThat(analysis.getDescription()).contains("neither can be used on")
			.contains(NativeTransportUnavailableException.platform())
			.contains("  - epoll (netty-transport-native-epoll): EPOLL missing")
			.contains("  - kqueue (netty-transport-native-kqueue): KQUEUE missing");
		assertThat(analysis.getAction()).contains("uds-grpc-spring-boot-starter").contains("grpc.uds.path");
	}

}
