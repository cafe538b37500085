package io.github.udsgrpc.autoconfigure.server;

import java.nio.file.Path;

import io.github.udsgrpc.autoconfigure.testsupport.EchoApp;
import io.github.udsgrpc.autoconfigure.testsupport.EchoClients;
import io.github.udsgrpc.socket.SocketTransport;
import io.github.udsgrpc.socket.SocketTransportUnavailableException;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.ShortTempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code grpc.uds.transport} on the Boot 3.5 line (Netty 4.1) on Linux: epoll and NIO domain sockets (which Netty
 * 4.1 has) start and serve; io-uring, which needs Netty 4.2, stops startup with an analysis that says so.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(OutputCaptureExtension.class)
class SocketTransportPropertyTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	@ParameterizedTest
	@ValueSource(strings = { "epoll", "nio", "auto" })
	void eachTransportOfNetty41StartsAndServesTheServerAndTheContextsChannels(String value) throws Exception {
		Path socket = this.dir.socket("t.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket,
				"grpc.uds.transport=" + value, "grpc.client.echo.address=unix:" + socket)) {
			SocketTransport expected = value.equals("auto") ? SocketTransport.detect() : SocketTransport.of(value);
			assertThat(context.getBean(UdsEventLoops.class).transport()).isEqualTo(expected);
			try (HandWiredChannel channel = new HandWiredChannel(socket)) {
				assertThat(EchoGrpc.newBlockingStub(channel.channel()).unary(Calls.request(value)).getText())
					.isEqualTo(value);
			}
			assertThat(context.getBean(EchoClients.class).blocking.unary(Calls.request("own " + value)).getText())
				.isEqualTo("own " + value);
		}
		assertThat(socket).as("removed at shutdown").doesNotExist();
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
