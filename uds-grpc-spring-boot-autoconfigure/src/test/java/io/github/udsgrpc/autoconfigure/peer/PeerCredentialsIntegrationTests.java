package io.github.udsgrpc.autoconfigure.peer;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.autoconfigure.testsupport.EchoApp;
import io.github.udsgrpc.autoconfigure.testsupport.NetDevhLine;
import io.github.udsgrpc.autoconfigure.testsupport.WhoAmIService;
import io.github.udsgrpc.boot.UdsGrpcServerStartedEvent;
import io.github.udsgrpc.boot.peer.PeerCredentialsScenarios;
import io.github.udsgrpc.test.whoami.Caller;
import io.github.udsgrpc.test.whoami.WhoAmIGrpc;
import io.github.udsgrpc.test.whoami.WhoAmIRequest;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Peer credentials and access policies on real sockets, with the client in this JVM: the scenarios both lines share
 * ({@link PeerCredentialsScenarios}) run against the Boot 3.5 line's echo application, and net.devh's kept TCP port
 * is checked here. Another user's process is in {@code process.PeerCredentialsAsAnotherUserTests}.
 */
@ExtendWith(OutputCaptureExtension.class)
class PeerCredentialsIntegrationTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	@Test
	void callsOverTcpCarryNoCredentialsAndTheBypassIsWarnedAbout(CapturedOutput output) throws Exception {
		Path socket = this.dir.socket("tcp.sock");
		try (ConfigurableApplicationContext context = EchoApp.run(new Class<?>[] { WhoAmIService.class },
				"grpc.uds.path=" + socket, "grpc.uds.keep-tcp=true", "grpc.server.address=127.0.0.1",
				"grpc.uds.same-user-only=true")) {
			int port = context.getBean(EchoApp.StartedEvents.class).last(UdsGrpcServerStartedEvent.class).getTcpPort();
			ManagedChannel tcp = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
			try {
				assertThat(whoAmI(tcp).getHasCredentials()).isFalse();
			}
			finally {
				tcp.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			}
			try (HandWiredChannel channel = new HandWiredChannel(socket)) {
				assertThat(whoAmI(channel.channel()).getHasCredentials()).isTrue();
			}
			assertThat(output.getOut()).contains("grpc.uds.keep-tcp=true: the TCP port serves the same services "
					+ "without the peer checks of socket listener(s) [default]");
		}
	}

	private static Caller whoAmI(ManagedChannel channel) {
		return WhoAmIGrpc.newBlockingStub(channel)
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.whoAmI(WhoAmIRequest.getDefaultInstance());
	}

	@Nested
	class Shared extends PeerCredentialsScenarios {

		Shared() {
			super(NetDevhLine.INSTANCE);
		}

	}

}
