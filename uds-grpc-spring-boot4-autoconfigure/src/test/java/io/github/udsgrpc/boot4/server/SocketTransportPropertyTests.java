package io.github.udsgrpc.boot4.server;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.boot4.testsupport.Causes;
import io.github.udsgrpc.boot4.testsupport.EchoApp4;
import io.github.udsgrpc.socket.AbstractSocketException;
import io.github.udsgrpc.socket.SocketTransport;
import io.github.udsgrpc.socket.SocketTransportUnavailableException;
import io.github.udsgrpc.socket.UdsEventLoops;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.client.GrpcChannelFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code grpc.uds.transport} in Spring Boot 4.1 applications on Linux: each value starts the socket server on that
 * transport and serves a hand-wired epoll client and a socket channel of the context (which shares the server's
 * event loops, so is of the same transport); wrong values stop startup with an analysis.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(OutputCaptureExtension.class)
class SocketTransportPropertyTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	@ParameterizedTest
	@ValueSource(strings = { "epoll", "io-uring", "nio", "auto" })
	void eachTransportStartsAndServesTheServerAndTheContextsChannels(String value) throws Exception {
		Path socket = this.dir.socket("t.sock");
		try (ConfigurableApplicationContext context = EchoApp4.run("grpc.uds.path=" + socket,
				"grpc.uds.transport=" + value, "spring.grpc.client.channel.self.target=unix:" + socket)) {
			SocketTransport expected = value.equals("auto") ? SocketTransport.detect() : SocketTransport.of(value);
			assertThat(context.getBean(UdsEventLoops.class).transport()).isEqualTo(expected);
			try (HandWiredChannel channel = new HandWiredChannel(socket)) {
				assertThat(EchoGrpc.newBlockingStub(channel.channel()).unary(Calls.request(value)).getText())
					.isEqualTo(value);
			}
			ManagedChannel own = context.getBean(GrpcChannelFactory.class).createChannel("self");
			assertThat(EchoGrpc.newBlockingStub(own)
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.unary(Calls.request("own " + value))
				.getText()).isEqualTo("own " + value);
			assertThat(Calls.stream((replies) -> EchoGrpc.newStub(own).bidi(replies), "x", "y"))
				.containsExactly("X", "Y");
		}
		assertThat(socket).as("removed at shutdown").doesNotExist();
	}

	@Test
	void anUnknownValueStopsStartupNamingTheProperty(CapturedOutput output) {
		Path socket = this.dir.socket("bad.sock");
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> EchoApp4.run("grpc.uds.path=" + socket, "grpc.uds.transport=uring").close())
			.satisfies((ex) -> assertThat(Causes.find(ex, InvalidConfigurationPropertyValueException.class).getName())
				.isEqualTo("grpc.uds.transport"));
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("must be one of auto, epoll, kqueue, io-uring, nio");
		assertThat(socket).doesNotExist();
	}

	@Test
	void kqueueOnLinuxStopsStartupWithTheTransportsReason(CapturedOutput output) {
		Path socket = this.dir.socket("kq.sock");
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> EchoApp4.run("grpc.uds.path=" + socket, "grpc.uds.transport=kqueue").close())
			.satisfies((ex) -> assertThat(Causes.find(ex, SocketTransportUnavailableException.class).getRequested())
				.isEqualTo(SocketTransport.KQUEUE));
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("asked to use the kqueue transport")
			.contains("or set grpc.uds.transport=auto");
		assertThat(socket).doesNotExist();
	}

	@Test
	void nioRefusesAnAbstractNameNamingTheTransport(CapturedOutput output) {
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> EchoApp4.run("grpc.uds.path=@udsgrpc-nio-" + ProcessHandle.current().pid(),
					"grpc.uds.transport=nio").close())
			.satisfies((ex) -> assertThat(Causes.find(ex, AbstractSocketException.class).getReason())
				.isEqualTo(AbstractSocketException.Reason.NOT_SUPPORTED));
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START").contains("transport nio");
	}

}
