package io.github.udsgrpc.autoconfigure.peer.security;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.security.auth.module.UnixSystem;
import io.github.udsgrpc.autoconfigure.testsupport.EchoApp;
import io.github.udsgrpc.autoconfigure.testsupport.WhoAmIService;
import io.github.udsgrpc.netdevh.PeerCredentialsAuthenticationReader;
import io.github.udsgrpc.security.PeerCredentialsAuthenticationProvider;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.whoami.Caller;
import io.github.udsgrpc.test.whoami.WhoAmIGrpc;
import io.github.udsgrpc.test.whoami.WhoAmIRequest;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import net.devh.boot.grpc.server.security.authentication.BasicGrpcAuthenticationReader;
import net.devh.boot.grpc.server.security.authentication.GrpcAuthenticationReader;
import net.devh.boot.grpc.server.security.check.AccessPredicate;
import net.devh.boot.grpc.server.security.check.AccessPredicateVoter;
import net.devh.boot.grpc.server.security.check.GrpcSecurityMetadataSource;
import net.devh.boot.grpc.server.security.check.ManualGrpcSecurityMetadataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDecisionManager;
import org.springframework.security.access.vote.UnanimousBased;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * net.devh's gRPC security with the peer's credentials as the authenticated principal, on a real socket.
 */
@SuppressWarnings("deprecation") // net.devh 3.1's authorization is built on AccessDecisionManager
class PeerCredentialsSecurityTests {

	private static final UnixSystem US = new UnixSystem();

	private static final long OWN_UID = US.getUid();

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	@Test
	void theCallerIsAuthenticatedByItsUidAndAuthorizedByItsAuthorities() throws Exception {
		Path socket = this.dir.socket("sec.sock");
		try (ConfigurableApplicationContext context = EchoApp.run(
				new Class<?>[] { WhoAmIService.class, GrpcSecurity.class }, "grpc.uds.path=" + socket)) {
			assertThat(context.getBean(GrpcAuthenticationReader.class))
				.isInstanceOf(PeerCredentialsAuthenticationReader.class);
			try (HandWiredChannel channel = new HandWiredChannel(socket)) {
				Caller caller = WhoAmIGrpc.newBlockingStub(channel.channel())
					.withDeadlineAfter(10, TimeUnit.SECONDS)
					.whoAmI(WhoAmIRequest.getDefaultInstance());
				assertThat(caller.getPrincipal()).isEqualTo(Long.toString(OWN_UID));
				assertThat(caller.getAuthoritiesList()).containsExactly("UID_" + OWN_UID, "GID_" + US.getGid(),
						"ROLE_SAME_USER");
				assertThatThrownBy(() -> EchoGrpc.newBlockingStub(channel.channel())
					.withDeadlineAfter(10, TimeUnit.SECONDS)
					.unary(Calls.request("hi")))
					.as("a method that needs another uid")
					.isInstanceOfSatisfying(StatusRuntimeException.class,
							(ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
			}
			assertThat(context.getBean(WhoAmIService.class).served()).isOne();
		}
	}

	@Test
	void theReaderIsDefinedOnlyWhenGrpcSecurityIsOnAndNoOtherReaderIs() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(UdsPeerSecurityAutoConfiguration.class));
		runner.run((context) -> assertThat(context).doesNotHaveBean(GrpcAuthenticationReader.class));
		runner.withBean(AuthenticationManager.class, () -> new ProviderManager(new PeerCredentialsAuthenticationProvider()))
			.run((context) -> assertThat(context).getBean(GrpcAuthenticationReader.class)
				.isInstanceOf(PeerCredentialsAuthenticationReader.class));
		runner.withBean(AuthenticationManager.class, () -> new ProviderManager(new PeerCredentialsAuthenticationProvider()))
			.withBean(GrpcAuthenticationReader.class, BasicGrpcAuthenticationReader::new)
			.run((context) -> assertThat(context).getBean(GrpcAuthenticationReader.class)
				.isInstanceOf(BasicGrpcAuthenticationReader.class));
	}

	/** What an application writes to turn on net.devh's gRPC security with peer credentials. */
	@Configuration(proxyBeanMethods = false)
	static class GrpcSecurity {

		@Bean
		AuthenticationManager authenticationManager() {
			return new ProviderManager(new PeerCredentialsAuthenticationProvider());
		}

		@Bean
		GrpcSecurityMetadataSource grpcSecurityMetadataSource() {
			ManualGrpcSecurityMetadataSource source = new ManualGrpcSecurityMetadataSource();
			source.set(WhoAmIGrpc.getWhoAmIMethod(), AccessPredicate.hasAuthority(new SimpleGrantedAuthority("UID_" + OWN_UID)));
			source.set(EchoGrpc.getUnaryMethod(), AccessPredicate.hasAuthority(new SimpleGrantedAuthority("UID_" + (OWN_UID + 1))));
			source.setDefault(AccessPredicate.denyAll());
			return source;
		}

		@Bean
		AccessDecisionManager accessDecisionManager() {
			return new UnanimousBased(List.of(new AccessPredicateVoter()));
		}

	}

}
