package io.github.udsgrpc.autoconfigure.server;

import java.nio.file.Path;

import io.github.udsgrpc.autoconfigure.testsupport.EchoApp;
import io.github.udsgrpc.autoconfigure.testsupport.NetDevhLine;
import io.github.udsgrpc.boot.transport.AbstractSocketTransportPropertyTests;
import io.github.udsgrpc.socket.SocketTransport;
import io.github.udsgrpc.socket.SocketTransportUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code grpc.uds.transport} on the Boot 3.5 line (Netty 4.1) on Linux: the scenarios both lines share
 * ({@link AbstractSocketTransportPropertyTests}: epoll and NIO domain sockets, which Netty 4.1 has, start and serve),
 * and io-uring, which needs Netty 4.2, stopping startup with an analysis that says so.
 */
@EnabledOnOs(OS.LINUX)
class SocketTransportPropertyTests extends AbstractSocketTransportPropertyTests {

	SocketTransportPropertyTests() {
		super(NetDevhLine.INSTANCE);
	}

	@Test
	void ioUringStopsStartupSayingItNeedsTheBoot41LinesNetty(CapturedOutput output) {
		Path socket = this.dir.socket("uring.sock");
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> EchoApp.run("grpc.uds.path=" + socket, "grpc.uds.transport=io-uring").close())
			.satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex))
				.isInstanceOfSatisfying(SocketTransportUnavailableException.class,
						(unavailable) -> assertThat(unavailable.getRequested()).isEqualTo(SocketTransport.IO_URING)));
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("asked to use the io-uring transport")
			.contains("io_uring domain sockets need Netty 4.2 or later (the Spring Boot 4.1 line), and this is Netty 4.1.")
			.contains("Spring Boot 4.1 line's Netty 4.2");
		assertThat(socket).doesNotExist();
	}

}
