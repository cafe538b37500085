package io.github.udsgrpc.autoconfigure.client;

import java.nio.file.Path;

import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.autoconfigure.testsupport.EchoApp;
import io.github.udsgrpc.autoconfigure.testsupport.EchoClients;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Client behaviour over real sockets: what a socket client defaults to, and what the user can override.
 */
class SocketClientIntegrationTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	@Test
	void anExplicitNegotiationTypeIsHonouredOnSockets() {
		Path socket = this.dir.socket("tls.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket,
				"grpc.client.echo.address=unix:" + socket, "grpc.client.echo.negotiation-type=TLS")) {
			// The server speaks plaintext, so a TLS client must fail: proof that the user's choice was applied.
			assertThatExceptionOfType(StatusRuntimeException.class)
				.isThrownBy(() -> context.getBean(EchoClients.class).blocking.unary(Calls.request("tls")))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
		}
	}

	@Test
	void aGlobalNegotiationTypeIsHonouredOnSocketsToo() {
		Path socket = this.dir.socket("global.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket,
				"grpc.client.echo.address=unix:" + socket, "grpc.client.GLOBAL.negotiation-type=PLAINTEXT")) {
			assertThat(context.getBean(EchoClients.class).blocking.unary(Calls.request("global")).getText())
				.isEqualTo("global");
		}
	}

	@Test
	void theAuthorityCanBeChanged() {
		Path socket = this.dir.socket("authority.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket,
				"grpc.client.echo.address=unix:" + socket, "grpc.uds.client.authority=echo.internal")) {
			assertThat(context.getBean(EchoClients.class).blocking.unary(Calls.request("a")).getAuthority())
				.isEqualTo("echo.internal");
		}
	}

	@Test
	void aHostInAUnixTargetFailsStartupWithTheForms() {
		Path socket = this.dir.socket("host.sock");
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> EchoApp
				.run("grpc.uds.path=" + socket, "grpc.client.echo.address=unix://somehost" + socket)
				.close())
			.withStackTraceContaining("names a host ('somehost')")
			.withStackTraceContaining("unix:///absolute/path");
	}

	@Test
	void callsFailWithUnavailableWhileNothingListens() {
		Path socket = this.dir.socket("nobody.sock");
		Path server = this.dir.socket("server.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + server,
				"grpc.client.echo.address=unix:" + socket)) {
			assertThatExceptionOfType(StatusRuntimeException.class)
				.isThrownBy(() -> context.getBean(EchoClients.class).blocking.unary(Calls.request("anyone?")))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
		}
	}

}
