package io.github.udsgrpc.boot.diagnostics;

import io.github.udsgrpc.socket.AbstractSocketException;
import io.github.udsgrpc.socket.UdsAddress;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class AbstractSocketFailureAnalyzerTests {

	private final UdsAddress name = UdsAddress.abstractName("app.grpc");

	@Test
	void inUseSaysWhoToLookForAndThatNothingIsStale() {
		FailureAnalysis analysis = analyze(AbstractSocketException.Reason.IN_USE,
				"Abstract socket @app.grpc (listener 'default'): in use, another socket is bound to this name");
		assertThat(analysis.getDescription())
			.isEqualTo("Abstract socket @app.grpc (listener 'default'): in use, another socket is bound to this name.");
		assertThat(analysis.getAction()).contains("listens on @app.grpc")
			.contains("ss -xlp | grep '@app.grpc'")
			.contains("never a stale one to remove");
	}

	@Test
	void notSupportedPointsToASocketFile() {
		assertThat(analyze(AbstractSocketException.Reason.NOT_SUPPORTED, "only on Linux").getAction())
			.contains("grpc.uds.path=/path/to/app.sock")
			.contains("only on Linux");
	}

	@Test
	void tooLongExplainsTheKernelsLimit() {
		assertThat(analyze(AbstractSocketException.Reason.NAME_TOO_LONG, "too long").getAction())
			.contains("Use a shorter name")
			.contains("108 bytes")
			.contains("Netty 4.1");
	}

	private FailureAnalysis analyze(AbstractSocketException.Reason reason, String message) {
		AbstractSocketException ex = new AbstractSocketException(reason, "default", this.name, message, null);
		return new AbstractSocketFailureAnalyzer().analyze(new IllegalStateException("wrapped", ex));
	}

}
