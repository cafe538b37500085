package io.github.udsgrpc.boot4.peer;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.sun.security.auth.module.UnixSystem;
import io.github.udsgrpc.boot.peer.PeerCredentialsScenarios;
import io.github.udsgrpc.boot4.testsupport.EchoApp4;
import io.github.udsgrpc.boot4.testsupport.SpringGrpcLine;
import io.github.udsgrpc.boot4.testsupport.WhoAmIService4;
import io.github.udsgrpc.peer.PeerCredentials;
import io.github.udsgrpc.server.UdsListenerConfigurer;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.echo.EchoRequest;
import io.github.udsgrpc.test.whoami.Caller;
import io.github.udsgrpc.test.whoami.WhoAmIGrpc;
import io.github.udsgrpc.test.whoami.WhoAmIRequest;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.github.udsgrpc.testsupport.transport.TestTransport;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.netty.channel.unix.DomainSocketAddress;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Peer credentials and access policies on Spring Boot 4.1: the scenarios both lines share
 * ({@link PeerCredentialsScenarios}) run against the Boot 4.1 line's echo application; here, the service reads the
 * caller's credentials, each listener declared in code has its own policy, an abstract socket is guarded by its
 * policy alone, and Spring Boot's kept TCP port serves without peer checks, with a startup WARN saying so.
 */
@ExtendWith(OutputCaptureExtension.class)
class PeerAccessTests {

	private static final long OWN_UID = new UnixSystem().getUid();

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private static String call(HandWiredChannel channel) {
		return EchoGrpc.newBlockingStub(channel.channel()).unary(Calls.request("who")).getText();
	}

	@Test
	void theServiceSeesTheCallersCredentialsAndEachListenerItsOwnPolicy() throws Exception {
		Path open = this.dir.socket("open.sock");
		Path rootOnly = this.dir.socket("root.sock");
		try (ConfigurableApplicationContext context = EchoApp4.run(new Class<?>[] { Listeners.class },
				"grpc.uds.path=" + open, "grpc.uds.same-user-only=true", "test.root-only=" + rootOnly,
				"spring.main.allow-bean-definition-overriding=true")) {
			try (HandWiredChannel channel = new HandWiredChannel(open)) {
				assertThat(call(channel)).isEqualTo("uid=" + OWN_UID);
			}
			try (HandWiredChannel channel = new HandWiredChannel(rootOnly)) {
				if (OWN_UID == 0) {
					assertThat(call(channel)).isEqualTo("uid=0");
				}
				else {
					StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
							() -> call(channel));
					assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
					assertThat(refused.getStatus().getDescription())
						.isEqualTo("Unix socket listener 'root-only' does not allow uid " + OWN_UID);
				}
			}
		}
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void anAbstractSocketAdmitsOnlyWhomItsPolicyAdmits() throws Exception {
		TestTransport.assumeAbstractNames();
		String name = "uds-grpc-boot4-" + UUID.randomUUID();
		long otherUid = (OWN_UID == 0) ? 65534 : 0;
		try (ConfigurableApplicationContext context = EchoApp4.run(new Class<?>[] { Listeners.class },
				"grpc.uds.path=@" + name, "grpc.uds.allowed-uids=" + otherUid,
				"test.root-only=" + this.dir.socket("unused.sock"), "spring.main.allow-bean-definition-overriding=true");
				HandWiredChannel channel = new HandWiredChannel(new DomainSocketAddress("\0" + name))) {
			StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class, () -> call(channel));
			assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
		}
	}

	@Test
	void callsOverBootsTcpPortCarryNoCredentialsAndTheBypassIsWarnedAbout(CapturedOutput output) throws Exception {
		Path socket = this.dir.socket("tcp.sock");
		try (ConfigurableApplicationContext context = EchoApp4.run(new Class<?>[] { WhoAmIService4.class },
				"grpc.uds.path=" + socket, "grpc.uds.keep-tcp=true", "spring.grpc.server.address=127.0.0.1",
				"grpc.uds.same-user-only=true")) {
			int port = context.getBeansOfType(GrpcServerLifecycle.class)
				.values()
				.stream()
				.mapToInt(GrpcServerLifecycle::getPort)
				.filter((candidate) -> candidate > 0)
				.findFirst()
				.orElseThrow();
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
			assertThat(output.getOut().lines().filter((line) -> line.contains("grpc.uds.keep-tcp=true: the TCP port")))
				.singleElement()
				.satisfies((line) -> assertThat(line).contains("WARN")
					.contains("grpc.uds.keep-tcp=true: the TCP port serves the same services without the peer checks "
							+ "of socket listener(s) [default]; TCP has no peer credentials."));
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
			super(SpringGrpcLine.INSTANCE);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Listeners {

		@Bean
		UdsListenerConfigurer rootOnly(Environment environment) {
			return (listeners) -> listeners.listenUnixSocket(Path.of(environment.getProperty("test.root-only")),
					(options) -> options.name("root-only").sameUserOnly(false).allowedUids(0));
		}

		/** Answers with the caller's uid, replacing the echo service of the application. */
		@Bean
		EchoGrpc.EchoImplBase echoService() {
			return new EchoGrpc.EchoImplBase() {

				@Override
				public void unary(EchoRequest request, StreamObserver<EchoReply> replies) {
					String uid = PeerCredentials.current().map((peer) -> Long.toString(peer.uid())).orElse("none");
					replies.onNext(EchoReply.newBuilder().setText("uid=" + uid).build());
					replies.onCompleted();
				}

			};
		}

	}

}
