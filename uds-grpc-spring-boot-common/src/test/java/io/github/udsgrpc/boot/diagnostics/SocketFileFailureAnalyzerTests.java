package io.github.udsgrpc.boot.diagnostics;

import java.nio.file.Path;

import io.github.udsgrpc.socket.SocketFileException;
import io.github.udsgrpc.socket.SocketFileException.Reason;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class SocketFileFailureAnalyzerTests {

	private final SocketFileFailureAnalyzer analyzer = new SocketFileFailureAnalyzer();

	@Test
	void everyReasonHasAnAction() {
		for (Reason reason : Reason.values()) {
			SocketFileException ex = new SocketFileException(reason, "default", Path.of("/run/app/x.sock"),
					"Socket broke", null);
			FailureAnalysis analysis = this.analyzer.analyze(new IllegalStateException("Failed to start", ex));
			assertThat(analysis.getDescription()).isEqualTo("Socket broke.");
			assertThat(analysis.getAction()).as(reason.name()).isNotBlank();
		}
	}

	@Test
	void theActionsNameThePathAndItsDirectory() {
		assertThat(action(Reason.DIRECTORY_MISSING)).startsWith("Create /run/app (systemd: RuntimeDirectory=)");
		assertThat(action(Reason.DIRECTORY_NOT_WRITABLE)).startsWith("Let this process's user create files in /run/app ");
		assertThat(action(Reason.NOT_A_SOCKET)).contains("Move or delete what is at /run/app/x.sock yourself");
		assertThat(action(Reason.IN_USE)).contains("serves on /run/app/x.sock. Stop it first");
		assertThat(action(Reason.UNKNOWN_SOCKET)).contains("(ls -l /run/app/x.sock)");
	}

	private String action(Reason reason) {
		return this.analyzer
			.analyze(new SocketFileException(reason, "default", Path.of("/run/app/x.sock"), "Socket broke", null))
			.getAction();
	}

}
