package io.github.udsgrpc.boot4.server;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

import io.github.udsgrpc.boot.UdsGrpcServerStartedEvent;
import io.github.udsgrpc.boot4.testsupport.EchoApp4;
import io.github.udsgrpc.client.UdsChannels;
import io.github.udsgrpc.server.UdsListener;
import io.github.udsgrpc.server.UdsListenerConfigurer;
import io.github.udsgrpc.server.UdsListeners;
import io.github.udsgrpc.socket.UdsAddress;
import io.github.udsgrpc.springgrpc.UdsGrpcServerFactory;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.server.GrpcServerFactory;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot 4.1 application with the starter: its services, Boot's health and reflection among them, answer on
 * the socket of {@code grpc.uds.path} (absolute, relative or with placeholders) or on listeners declared in code
 * alone, and Boot's own TCP server is off.
 */
class SocketServerTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	@Test
	void theApplicationsServicesAnswerOnTheSocketAndNoTcpServerRuns() throws Exception {
		Path socket = this.dir.socket("app.sock");
		try (ConfigurableApplicationContext context = EchoApp4.run("grpc.uds.path=" + socket)) {
			assertThat(context.getBeansOfType(GrpcServerFactory.class)).hasSize(1)
				.allSatisfy((name, factory) -> assertThat(factory).isInstanceOf(UdsGrpcServerFactory.class));
			assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
			ManagedChannel channel = UdsChannels.forTarget("unix:" + socket).build();
			try {
				assertThat(EchoGrpc.newBlockingStub(channel).unary(Calls.request("hi")).getText()).isEqualTo("hi");
				assertThat(HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus())
					.hasToString("SERVING");
				assertThat(context.getBean(UdsGrpcServerFactory.class).getServer().getServices())
					.extracting((service) -> service.getServiceDescriptor().getName())
					.contains(EchoGrpc.SERVICE_NAME, HealthGrpc.SERVICE_NAME, ServerReflectionGrpc.SERVICE_NAME);
			}
			finally {
				channel.shutdownNow();
			}
			EchoApp4.StartedEvents events = context.getBean(EchoApp4.StartedEvents.class);
			assertThat(events.all(GrpcServerStartedEvent.class)).singleElement()
				.satisfies((event) -> assertThat(event.getPort()).isEqualTo(-1));
			assertThat(events.all(UdsGrpcServerStartedEvent.class)).singleElement()
				.satisfies((event) -> assertThat(event.getListeners()).singleElement()
					.satisfies((listener) -> assertThat(listener.path()).isEqualTo(socket)));
			assertThat(events.all(UdsGrpcServerStartedEvent.class)).singleElement()
				.satisfies((event) -> assertThat(event.getTcpPort()).isEqualTo(-1));
		}
		assertThat(socket).doesNotExist();
	}

	@Test
	void aRelativePathIsReadAgainstTheWorkingDirectory() throws Exception {
		Path socket = this.dir.socket("relative.sock");
		Path relative = Path.of("").toAbsolutePath().relativize(socket);
		assertThat(relative.isAbsolute()).isFalse();
		try (ConfigurableApplicationContext context = EchoApp4.run("grpc.uds.path=" + relative)) {
			assertThat(context.getBean(UdsListeners.class).primaryAddress()).contains(UdsAddress.file(socket));
			assertThat(echo(socket, "relative")).isEqualTo("relative");
		}
		assertThat(socket).doesNotExist();
	}

	@Test
	void aPathMayUseTheTempDirPlaceholderAndAClientTargetThePathProperty() throws Exception {
		String name = "uds-boot4-placeholder-" + ProcessHandle.current().pid() + ".sock";
		Path socket = Path.of(System.getProperty("java.io.tmpdir"), name).toAbsolutePath().normalize();
		try (ConfigurableApplicationContext context = EchoApp4.run("grpc.uds.path=${java.io.tmpdir}/" + name,
				"spring.grpc.client.channel.echo.target=unix:${grpc.uds.path}")) {
			ManagedChannel channel = context.getBean(GrpcChannelFactory.class).createChannel("echo");
			assertThat(EchoGrpc.newBlockingStub(channel).unary(Calls.request("tmp")).getText()).isEqualTo("tmp");
			assertThat(Files.readAttributes(socket, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther())
				.as("a socket file")
				.isTrue();
		}
		assertThat(socket).doesNotExist();
	}

	@Test
	void listenersDeclaredInCodeServeWithoutGrpcUdsPath() throws Exception {
		Path api = this.dir.socket("api.sock");
		Path admin = this.dir.socket("admin.sock");
		try (ConfigurableApplicationContext context = EchoApp4.run(new Class<?>[] { TwoListeners.class },
				"test.api=" + api, "test.admin=" + admin)) {
			assertThat(context.getBeansOfType(GrpcServerFactory.class)).hasSize(1)
				.allSatisfy((name, factory) -> assertThat(factory).isInstanceOf(UdsGrpcServerFactory.class));
			assertThat(echo(api, "api")).isEqualTo("api");
			assertThat(echo(admin, "admin")).isEqualTo("admin");
			assertThat(context.getBean(EchoApp4.StartedEvents.class).all(UdsGrpcServerStartedEvent.class))
				.singleElement()
				.satisfies((event) -> assertThat(event.getListeners()).extracting(UdsListener::name)
					.containsExactly("api.sock", "admin"));
		}
		assertThat(api).doesNotExist();
		assertThat(admin).doesNotExist();
	}

	private static String echo(Path socket, String text) throws InterruptedException {
		try (HandWiredChannel channel = new HandWiredChannel(socket)) {
			return EchoGrpc.newBlockingStub(channel.channel()).unary(Calls.request(text)).getText();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoListeners {

		@Bean
		UdsListenerConfigurer twoSockets(Environment environment) {
			return (listeners) -> listeners.listenUnixSocket(Path.of(environment.getRequiredProperty("test.api")))
				.listenUnixSocket(Path.of(environment.getRequiredProperty("test.admin")),
						(options) -> options.name("admin"));
		}

	}

}
