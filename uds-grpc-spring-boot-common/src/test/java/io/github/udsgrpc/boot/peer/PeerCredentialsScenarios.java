package io.github.udsgrpc.boot.peer;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.sun.security.auth.module.UnixSystem;
import io.github.udsgrpc.boot.process.BootLine;
import io.github.udsgrpc.boot.testsupport.WhoAmI;
import io.github.udsgrpc.server.UdsListenerConfigurer;
import io.github.udsgrpc.test.echo.EchoGrpc;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Peer credentials and access policies on real sockets, with the client in this JVM (the peer is this process's own
 * user and pid), shared by both Spring Boot lines: each line runs these scenarios against its own application, with
 * the {@link WhoAmI} service declared its way. Another user's process is in
 * {@code io.github.udsgrpc.boot.process.PeerCredentialsAsAnotherUserTests}.
 */
@ExtendWith(OutputCaptureExtension.class)
public abstract class PeerCredentialsScenarios {

	private static final UnixSystem US = new UnixSystem();

	private static final long OWN_UID = US.getUid();

	private static final long OTHER_UID = OWN_UID + 1;

	private static final String REFUSED = "Refused gRPC call";

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private final BootLine line;

	/**
	 * Creates the scenarios for a Spring Boot line.
	 * @param line the line's echo application
	 */
	protected PeerCredentialsScenarios(BootLine line) {
		this.line = line;
	}

	@Test
	void serviceCodeSeesTheCallersCredentialsInContextAndAttributes() throws Exception {
		Path socket = this.dir.socket("who.sock");
		try (ConfigurableApplicationContext context = runWithWhoAmI("grpc.uds.path=" + socket)) {
			Caller caller = whoAmI(socket);
			assertThat(caller.getHasCredentials()).as("PeerCredentials.current() in the service").isTrue();
			assertThat(caller.getUid()).isEqualTo(OWN_UID);
			assertThat(caller.getGid()).isEqualTo(US.getGid());
			assertThat(caller.getGidsList()).first().isEqualTo(US.getGid());
			assertThat((long) caller.getPid()).isEqualTo(TestTransport.seenPid(ProcessHandle.current().pid()));
			assertThat(caller.getAttributesMatchContext()).as("PeerCredentials.of(call) equals current()").isTrue();
		}
	}

	@Test
	void sameUserOnlyLetsThisUserIn() throws Exception {
		Path socket = this.dir.socket("same.sock");
		try (ConfigurableApplicationContext context = runWithWhoAmI("grpc.uds.path=" + socket,
				"grpc.uds.same-user-only=true")) {
			assertThat(whoAmI(socket).getUid()).isEqualTo(OWN_UID);
			assertThat(context.getBean(WhoAmI.class).served()).isOne();
		}
	}

	@Test
	void aPeerNotAllowedIsRefusedBeforeServiceCodeAndLoggedOncePerConnection(CapturedOutput output) throws Exception {
		Path socket = this.dir.socket("deny.sock");
		try (ConfigurableApplicationContext context = runWithWhoAmI("grpc.uds.path=" + socket,
				"grpc.uds.allowed-uids=" + OTHER_UID)) {
			try (HandWiredChannel channel = new HandWiredChannel(socket)) {
				assertRefused(() -> whoAmI(channel.channel()), "default");
				assertRefused(() -> whoAmI(channel.channel()), "default");
				assertRefused(() -> EchoGrpc.newBlockingStub(channel.channel())
					.withDeadlineAfter(10, TimeUnit.SECONDS)
					.unary(Calls.request("hi")), "default");
			}
			try (HandWiredChannel second = new HandWiredChannel(socket)) {
				assertRefused(() -> whoAmI(second.channel()), "default");
			}
			assertThat(context.getBean(WhoAmI.class).served()).as("calls that reached service code").isZero();
			String expectedLine = "on Unix socket listener 'default' (" + socket + "): peer uid=" + OWN_UID;
			assertThat(output.getOut().lines().filter((line) -> line.contains(REFUSED)))
				.as("one WARN line per refused connection")
				.hasSize(2)
				.allSatisfy((line) -> assertThat(line).contains("WARN")
					.contains(expectedLine)
					.contains("pid=" + TestTransport.loggedPid(ProcessHandle.current().pid()))
					.contains("(allowed: uids [" + OTHER_UID + "])"));
		}
	}

	@Test
	void aGroupRuleLetsMembersIn() throws Exception {
		Path socket = this.dir.socket("group.sock");
		try (ConfigurableApplicationContext context = runWithWhoAmI("grpc.uds.path=" + socket,
				"grpc.uds.allowed-uids=" + OTHER_UID, "grpc.uds.allowed-gids=" + US.getGid())) {
			assertThat(whoAmI(socket).getGid()).isEqualTo(US.getGid());
		}
	}

	@Test
	void aGroupRuleAloneRefusesNonMembers() throws Exception {
		Path socket = this.dir.socket("nogroup.sock");
		long otherGid = US.getGid() + 1;
		try (ConfigurableApplicationContext context = runWithWhoAmI("grpc.uds.path=" + socket,
				"grpc.uds.allowed-gids=" + otherGid)) {
			try (HandWiredChannel channel = new HandWiredChannel(socket)) {
				assertRefused(() -> whoAmI(channel.channel()), "default");
			}
			assertThat(context.getBean(WhoAmI.class).served()).isZero();
		}
	}

	@Test
	void listenersHaveTheirOwnPoliciesAndServices() throws Exception {
		Path main = this.dir.socket("main.sock");
		try (ConfigurableApplicationContext context = runWithWhoAmI(new Class<?>[] { TwoMoreListeners.class },
				"grpc.uds.path=" + main, "grpc.uds.same-user-only=true", "test.dir=" + this.dir.path())) {
			Path open = this.dir.socket("public.sock");
			Path admin = this.dir.socket("admin.sock");
			assertThat(whoAmI(main).getUid()).as("default listener, same user").isEqualTo(OWN_UID);
			try (HandWiredChannel channel = new HandWiredChannel(open)) {
				assertThat(EchoGrpc.newBlockingStub(channel.channel()).unary(Calls.request("hi")).getText())
					.isEqualTo("hi");
				assertThatThrownBy(() -> whoAmI(channel.channel())).as("a service the listener does not serve")
					.isInstanceOfSatisfying(StatusRuntimeException.class,
							(ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
			}
			try (HandWiredChannel channel = new HandWiredChannel(admin)) {
				assertRefused(() -> whoAmI(channel.channel()), "admin");
			}
		}
	}

	@Test
	void aListenerLimitedToAnUnknownServiceFailsAtStartupWithAnAnalysis(CapturedOutput output) {
		Path main = this.dir.socket("typo.sock");
		assertThatThrownBy(() -> runWithWhoAmI(new Class<?>[] { TypoInServices.class }, "grpc.uds.path=" + main,
				"test.dir=" + this.dir.path()))
			.rootCause()
			.hasMessageContaining("Socket listener 'typo' (" + this.dir.socket("typo2.sock")
					+ ") is limited to service 'udsgrpc.test.Ecko', which is not registered; registered services: [");
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("Give UdsListenerOptions.services(...) of listener 'typo' full service names");
		assertThat(main).as("no socket left behind").doesNotExist();
	}

	@Test
	void aNegativeUidFailsAtStartupWithBootsAnalysisNamingThePropertyAndHowToFindIds(CapturedOutput output) {
		Path socket = this.dir.socket("neg.sock");
		assertThatThrownBy(() -> runWithWhoAmI("grpc.uds.path=" + socket, "grpc.uds.allowed-uids=1000,-1"))
			.hasRootCauseInstanceOf(InvalidConfigurationPropertyValueException.class);
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("Invalid value '1000,-1' for configuration property 'grpc.uds.allowed-uids'")
			.contains("user id -1 is not valid: user ids are numbers from 0 to 4294967294. Look ids up with 'id -u "
					+ "NAME' (users) or 'getent group NAME' (groups)");
		assertThat(socket).doesNotExist();
	}

	private ConfigurableApplicationContext runWithWhoAmI(String... properties) {
		return runWithWhoAmI(new Class<?>[0], properties);
	}

	private ConfigurableApplicationContext runWithWhoAmI(Class<?>[] extra, String... properties) {
		Class<?>[] sources = new Class<?>[extra.length + 1];
		sources[0] = this.line.whoAmIService();
		System.arraycopy(extra, 0, sources, 1, extra.length);
		return this.line.run(sources, properties);
	}

	private static Caller whoAmI(Path socket) throws InterruptedException {
		try (HandWiredChannel channel = new HandWiredChannel(socket)) {
			return whoAmI(channel.channel());
		}
	}

	private static Caller whoAmI(ManagedChannel channel) {
		return WhoAmIGrpc.newBlockingStub(channel)
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.whoAmI(WhoAmIRequest.getDefaultInstance());
	}

	private static void assertRefused(Runnable call, String listener) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, (ex) -> {
			assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
			assertThat(ex.getStatus().getDescription())
				.isEqualTo("Unix socket listener '" + listener + "' does not allow uid " + OWN_UID);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoMoreListeners {

		@Bean
		UdsListenerConfigurer twoMoreListeners(Environment environment) {
			Path dir = Path.of(environment.getRequiredProperty("test.dir"));
			return (listeners) -> listeners
				.listenUnixSocket(dir.resolve("public.sock"),
						(options) -> options.name("public").allowAnyPeer().services(EchoGrpc.SERVICE_NAME))
				.listenUnixSocket(dir.resolve("admin.sock"),
						(options) -> options.name("admin").sameUserOnly(false).allowedUids(OTHER_UID));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TypoInServices {

		@Bean
		UdsListenerConfigurer typo(Environment environment) {
			Path dir = Path.of(environment.getRequiredProperty("test.dir"));
			return (listeners) -> listeners.listenUnixSocket(dir.resolve("typo2.sock"),
					(options) -> options.name("typo").services("udsgrpc.test.Ecko"));
		}

	}

}
