package io.github.udsgrpc.boot4.peer.security;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.sun.security.auth.module.UnixSystem;
import io.github.udsgrpc.boot.testsupport.WhoAmI;
import io.github.udsgrpc.boot4.testsupport.EchoApp4;
import io.github.udsgrpc.boot4.testsupport.WhoAmIService4;
import io.github.udsgrpc.security.PeerCredentialsAuthenticationProvider;
import io.github.udsgrpc.springgrpc.PeerCredentialsAuthenticationExtractor;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.whoami.Caller;
import io.github.udsgrpc.test.whoami.WhoAmIGrpc;
import io.github.udsgrpc.test.whoami.WhoAmIRequest;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.security.AuthenticationProcessInterceptor;
import org.springframework.grpc.server.security.GrpcSecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Spring gRPC's security on a Spring Boot 4.1 application, with the peer's credentials as the authenticated
 * principal, on a real socket: authorized by its uid for one method, refused for another.
 */
class PeerCredentialsSecurityTests {

	private static final UnixSystem US = new UnixSystem();

	private static final long OWN_UID = US.getUid();

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	@Test
	void theCallerIsAuthenticatedByItsUidAndAuthorizedByItsAuthorities() throws Exception {
		Path socket = this.dir.socket("sec.sock");
		try (ConfigurableApplicationContext context = EchoApp4.run(
				new Class<?>[] { WhoAmIService4.class, PeerCredentialsSecurity.class }, "grpc.uds.path=" + socket);
				HandWiredChannel channel = new HandWiredChannel(socket)) {
			Caller caller = WhoAmIGrpc.newBlockingStub(channel.channel())
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.whoAmI(WhoAmIRequest.getDefaultInstance());
			assertThat(caller.getPrincipal()).isEqualTo(Long.toString(OWN_UID));
			assertThat(caller.getAuthoritiesList()).containsExactly("UID_" + OWN_UID, "GID_" + US.getGid(),
					"ROLE_SAME_USER");
			assertThat(caller.getUid()).isEqualTo(OWN_UID);
			assertThatThrownBy(() -> EchoGrpc.newBlockingStub(channel.channel())
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.unary(Calls.request("hi")))
				.as("a method that needs another uid")
				.isInstanceOfSatisfying(StatusRuntimeException.class,
						(ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
			assertThat(context.getBean(WhoAmI.class).served()).isOne();
		}
	}

	/** What a Spring Boot 4.1 application writes to authorize calls by the peer's uid. */
	@Configuration(proxyBeanMethods = false)
	static class PeerCredentialsSecurity {

		@Bean
		@GlobalServerInterceptor
		AuthenticationProcessInterceptor peerCredentialsSecurity(GrpcSecurity grpc) throws Exception {
			return grpc.authenticationExtractor(new PeerCredentialsAuthenticationExtractor())
				.authenticationProvider(new PeerCredentialsAuthenticationProvider())
				.authorizeRequests((requests) -> requests.methods(WhoAmIGrpc.getWhoAmIMethod().getFullMethodName())
					.hasAuthority("UID_" + OWN_UID)
					.methods(EchoGrpc.getUnaryMethod().getFullMethodName())
					.hasAuthority("UID_" + (OWN_UID + 1))
					.allRequests()
					.denyAll())
				.build();
		}

	}

}
