package io.github.udsgrpc.autoconfigure.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.udsgrpc.autoconfigure.testsupport.EchoApp;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.github.udsgrpc.testsupport.transport.TestTransport;
import io.grpc.internal.GrpcUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/health} and {@code /actuator/info} of a web application that serves gRPC on a socket, read
 * over HTTP as a load balancer or an operator would.
 */
class ActuatorEndpointsOverHttpTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private static ConfigurableApplicationContext runWebApp(Path socket) {
		return new SpringApplicationBuilder(EchoApp.class).web(WebApplicationType.SERVLET)
			.properties("spring.main.banner-mode=off", "server.port=0", "server.address=127.0.0.1",
					"grpc.uds.path=" + socket, "management.endpoint.health.show-details=always",
					"management.endpoints.web.exposure.include=health,info",
					// The Kubernetes readiness recipe of docs/actuator.md: readiness follows the socket.
					"management.endpoint.health.probes.enabled=true",
					"management.endpoint.health.group.readiness.include=readinessState,udsGrpc")
			.run();
	}

	private HttpResponse<String> get(ConfigurableApplicationContext context, String path) throws Exception {
		String port = context.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void healthAndReadinessShowTheListenerAndTurnDownWhenTheSocketFileIsDeleted() throws Exception {
		Path socket = this.dir.socket("web.sock");
		try (ConfigurableApplicationContext context = runWebApp(socket)) {
			HttpResponse<String> up = get(context, "/actuator/health");
			assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
			JsonNode component = new ObjectMapper().readTree(up.body()).path("components").path("udsGrpc");
			assertThat(component.path("status").asText()).as(up.body()).isEqualTo("UP");
			JsonNode listener = component.path("details").path("listeners").path("default");
			assertThat(listener.path("path").asText()).isEqualTo(socket.toString());
			assertThat(listener.path("listening").asBoolean()).isTrue();
			assertThat(listener.path("file").asText()).isEqualTo("socket");
			assertThat(listener.path("mode").asText()).isEqualTo("rw-rw---- (0660)");
			assertThat(listener.path("connections").isInt()).as(up.body()).isTrue();
			assertThat(listener.path("refusedConnections").asLong(-1)).as(up.body()).isZero();
			assertThat(listener.path("acceptFailures").asLong(-1)).as(up.body()).isZero();
			assertThat(listener.has("maxConnections")).as("a limit, when none is set").isFalse();

			assertThat(get(context, "/actuator/health/readiness").statusCode()).isEqualTo(200);

			Files.delete(socket);
			assertThat(get(context, "/actuator/health/readiness").statusCode()).isEqualTo(503);
			assertThat(get(context, "/actuator/health/liveness").statusCode()).isEqualTo(200);
			HttpResponse<String> down = get(context, "/actuator/health/udsGrpc");
			assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
			JsonNode downListener = new ObjectMapper().readTree(down.body())
				.path("details").path("listeners").path("default");
			assertThat(downListener.path("file").asText()).isEqualTo("missing");
			assertThat(downListener.path("problem").asText()).contains("missing");
		}
	}

	@Test
	void infoNamesTheListenersTheTransportAndTheGrpcJavaVersion() throws Exception {
		Path socket = this.dir.socket("info.sock");
		try (ConfigurableApplicationContext context = runWebApp(socket)) {
			HttpResponse<String> info = get(context, "/actuator/info");
			assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
			JsonNode uds = new ObjectMapper().readTree(info.body()).path("grpc.uds");
			assertThat(uds.path("listeners").get(0).path("name").asText()).as(info.body()).isEqualTo("default");
			assertThat(uds.path("listeners").get(0).path("path").asText()).isEqualTo(socket.toString());
			assertThat(uds.path("transport").asText()).isEqualTo(TestTransport.current().value());
			assertThat(uds.path("grpcJavaVersion").asText()).isEqualTo(GrpcUtil.IMPLEMENTATION_VERSION)
				.startsWith("1.");
			assertThat(uds.path("nettyVersion").asText()).startsWith("4.");
		}
	}

}
