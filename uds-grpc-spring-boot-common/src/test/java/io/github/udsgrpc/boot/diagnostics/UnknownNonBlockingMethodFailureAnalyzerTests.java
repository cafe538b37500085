package io.github.udsgrpc.boot.diagnostics;

import io.github.udsgrpc.server.NonBlockingMethods;
import io.github.udsgrpc.server.UdsServer;
import io.github.udsgrpc.server.UnknownNonBlockingMethodException;
import io.github.udsgrpc.testsupport.PlainEchoService;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class UnknownNonBlockingMethodFailureAnalyzerTests {

	@Test
	void theAnalysisNamesTheWrongNameAndListsTheMethodsThatExist() {
		UnknownNonBlockingMethodException ex = catchThrowableOfType(UnknownNonBlockingMethodException.class,
				() -> UdsServer.builder()
					.addService(new PlainEchoService())
					.nonBlocking(NonBlockingMethods.of("udsgrpc.test.Echo/unary"))
					.build());
		FailureAnalysis analysis = new UnknownNonBlockingMethodFailureAnalyzer().analyze(ex);
		assertThat(analysis.getDescription()).isEqualTo("Non-blocking method 'udsgrpc.test.Echo/unary' matches no "
				+ "method of the socket server's services; their methods: [udsgrpc.test.Echo/Unary, "
				+ "udsgrpc.test.Echo/ServerStream, udsgrpc.test.Echo/ClientStream, udsgrpc.test.Echo/Bidi].");
		assertThat(analysis.getAction()).startsWith("Correct 'udsgrpc.test.Echo/unary' in grpc.uds.non-blocking-methods")
			.contains("udsgrpc.test.Echo/Unary")
			.contains("package.Service/*")
			.contains("@NonBlocking");
	}

}
