package io.github.udsgrpc.boot4.server;

import java.nio.file.Path;

import io.github.udsgrpc.boot4.testsupport.EchoApp4;
import io.github.udsgrpc.springgrpc.UdsGrpcServerFactory;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.GrpcServerFactory;
import org.springframework.grpc.server.NettyGrpcServerFactory;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code grpc.uds.keep-tcp=true} on Spring Boot 4.1: Boot's own TCP server serves its port as Boot configures it,
 * and the starter's socket server serves the same services beside it; closing the context stops both. With every
 * listener open, no WARN about the TCP port's missing peer checks is logged (with one that checks, see
 * {@code PeerAccessTests}).
 */
@ExtendWith(OutputCaptureExtension.class)
class KeepTcpTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	@Test
	void theSameServicesAnswerOnTheSocketAndOnBootsTcpPort(CapturedOutput output) throws Exception {
		Path socket = this.dir.socket("both.sock");
		try (ConfigurableApplicationContext context = EchoApp4.run("grpc.uds.path=" + socket,
				"grpc.uds.keep-tcp=true", "spring.grpc.server.address=127.0.0.1")) {
			assertThat(context.getBeansOfType(GrpcServerFactory.class).values())
				.hasAtLeastOneElementOfType(UdsGrpcServerFactory.class)
				.hasAtLeastOneElementOfType(NettyGrpcServerFactory.class);
			int port = context.getBeansOfType(GrpcServerLifecycle.class).values().stream()
				.mapToInt(GrpcServerLifecycle::getPort)
				.filter((candidate) -> candidate > 0)
				.findFirst()
				.orElseThrow();
			try (HandWiredChannel unix = new HandWiredChannel(socket)) {
				assertThat(EchoGrpc.newBlockingStub(unix.channel()).unary(Calls.request("socket")).getText())
					.isEqualTo("socket");
			}
			ManagedChannel tcp = Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create())
				.build();
			try {
				assertThat(EchoGrpc.newBlockingStub(tcp).unary(Calls.request("tcp")).getText()).isEqualTo("tcp");
			}
			finally {
				tcp.shutdownNow();
			}
			assertThat(output.getOut()).doesNotContain("the TCP port serves the same services without the peer checks");
		}
		assertThat(socket).doesNotExist();
	}

}
