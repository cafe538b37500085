package io.github.udsgrpc.boot4.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.github.udsgrpc.boot.UdsGrpcServerStartedEvent;
import io.github.udsgrpc.boot4.testsupport.EchoApp4;
import io.github.udsgrpc.client.UdsChannels;
import io.github.udsgrpc.springgrpc.UdsGrpcServerFactory;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.GrpcServerFactory;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot 4.1 application with the starter: its services, Boot's health and reflection among them, answer on
 * the socket of {@code grpc.uds.path}, and Boot's own TCP server is off.
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
		}
		assertThat(socket).doesNotExist();
	}

}
