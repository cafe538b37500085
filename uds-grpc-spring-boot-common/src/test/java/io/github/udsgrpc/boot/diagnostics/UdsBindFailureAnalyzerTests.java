package io.github.udsgrpc.boot.diagnostics;

import java.io.IOException;
import java.nio.file.Path;

import io.github.udsgrpc.server.UdsBindException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class UdsBindFailureAnalyzerTests {

	@Test
	void describesThePathTheListenerAndTheRootCause() {
		Path socket = Path.of("/run/app/api.sock");
		UdsBindException ex = UdsBindException.ofFile("api", socket,
				new IllegalStateException("wrapped", new IOException("bind(..) failed: No such file or directory")));
		FailureAnalysis analysis = new UdsBindFailureAnalyzer()
			.analyze(new IllegalStateException("Failed to start the grpc server", ex));
		assertThat(analysis.getDescription()).contains("/run/app/api.sock")
			.contains("listener 'api'")
			.contains("No such file or directory");
		assertThat(analysis.getAction()).contains("/run/app").contains("grpc.uds.path");
	}

}
