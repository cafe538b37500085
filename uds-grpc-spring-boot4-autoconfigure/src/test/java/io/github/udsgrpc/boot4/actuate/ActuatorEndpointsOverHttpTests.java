package io.github.udsgrpc.boot4.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.udsgrpc.boot4.testsupport.EchoApp4;
import io.github.udsgrpc.socket.SocketTransport;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.internal.GrpcUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/health} and {@code /actuator/info} of a Spring Boot 4.1 web application that serves gRPC on a
 * socket, read over HTTP as a load balancer or an operator would.
 */
class ActuatorEndpointsOverHttpTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private static ConfigurableApplicationContext runWebApp(Path socket, String... properties) {
		return new SpringApplicationBuilder(EchoApp4.class).web(WebApplicationType.SERVLET)
			.properties("spring.main.banner-mode=off", "server.port=0", "server.address=127.0.0.1",
					"grpc.uds.path=" + socket, "management.endpoint.health.show-details=always",
					"management.endpoints.web.exposure.include=health,info",
					// The Kubernetes readiness recipe of docs/actuator.md: readiness follows the socket.
					"management.endpoint.health.probes.enabled=true",
					"management.endpoint.health.group.readiness.include=readinessState,udsGrpc")
			.properties(properties)
			.run();
	}

	private HttpResponse<String> get(ConfigurableApplicationContext context, String path) throws Exception {
		String port = context.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static Map<String, Object> json(HttpResponse<String> response) {
		return JsonParserFactory.getJsonParser().parseMap(response.body());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> at(Map<String, Object> json, String... keys) {
		Map<String, Object> node = json;
		for (String key : keys) {
			node = (Map<String, Object>) node.get(key);
			assertThat(node).as("%s in %s", key, json).isNotNull();
		}
		return node;
	}

	@Test
	void healthAndReadinessShowTheListenerAndTurnDownWhenTheSocketFileIsDeleted() throws Exception {
		Path socket = this.dir.socket("web.sock");
		try (ConfigurableApplicationContext context = runWebApp(socket)) {
			HttpResponse<String> up = get(context, "/actuator/health");
			assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
			Map<String, Object> component = at(json(up), "components", "udsGrpc");
			assertThat(component.get("status")).as(up.body()).isEqualTo("UP");
			Map<String, Object> listener = at(component, "details", "listeners", "default");
			assertThat(listener).containsEntry("status", "UP")
				.containsEntry("path", socket.toString())
				.containsEntry("listening", true)
				.containsEntry("file", "socket")
				.containsEntry("mode", "rw-rw---- (0660)")
				.containsKey("connections")
				.doesNotContainKey("maxConnections");
			assertThat(listener).hasEntrySatisfying("refusedConnections",
					(count) -> assertThat(((Number) count).longValue()).isZero());
			assertThat(listener).hasEntrySatisfying("acceptFailures",
					(count) -> assertThat(((Number) count).longValue()).isZero());

			assertThat(get(context, "/actuator/health/readiness").statusCode()).isEqualTo(200);

			Files.delete(socket);
			assertThat(get(context, "/actuator/health/readiness").statusCode()).isEqualTo(503);
			assertThat(get(context, "/actuator/health/liveness").statusCode()).isEqualTo(200);
			HttpResponse<String> down = get(context, "/actuator/health/udsGrpc");
			assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
			Map<String, Object> downListener = at(json(down), "details", "listeners", "default");
			assertThat(downListener).containsEntry("status", "DOWN").containsEntry("file", "missing");
			assertThat((String) downListener.get("problem")).contains("missing");
		}
	}

	@Test
	void theHealthComponentCanBeSwitchedOff() throws Exception {
		Path socket = this.dir.socket("off.sock");
		try (ConfigurableApplicationContext context = runWebApp(socket, "management.health.udsgrpc.enabled=false",
				"management.endpoint.health.group.readiness.include=readinessState")) {
			HttpResponse<String> health = get(context, "/actuator/health");
			assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
			assertThat(at(json(health), "components")).doesNotContainKey("udsGrpc").containsKey("ping");
			assertThat(socket).exists();
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void infoNamesTheListenersTheTransportAndTheVersions() throws Exception {
		Path socket = this.dir.socket("info.sock");
		try (ConfigurableApplicationContext context = runWebApp(socket)) {
			HttpResponse<String> info = get(context, "/actuator/info");
			assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
			Map<String, Object> uds = at(json(info), "grpc.uds");
			List<Map<String, Object>> listeners = (List<Map<String, Object>>) uds.get("listeners");
			assertThat(listeners).as(info.body()).hasSize(1);
			assertThat(listeners.get(0)).containsEntry("name", "default").containsEntry("path", socket.toString());
			assertThat(uds).containsEntry("transport", SocketTransport.detect().value())
				.containsEntry("grpcJavaVersion", GrpcUtil.IMPLEMENTATION_VERSION);
			assertThat((String) uds.get("grpcJavaVersion")).startsWith("1.84.");
			assertThat((String) uds.get("nettyVersion")).startsWith("4.2.");
		}
	}

	@Test
	void infoNamesTheTransportThePropertyChose() throws Exception {
		Path socket = this.dir.socket("nioinfo.sock");
		try (ConfigurableApplicationContext context = runWebApp(socket, "grpc.uds.transport=nio")) {
			HttpResponse<String> info = get(context, "/actuator/info");
			assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
			assertThat(at(json(info), "grpc.uds")).as(info.body()).containsEntry("transport", "nio");
		}
	}

	@Test
	void infoCanBeSwitchedOff() throws Exception {
		Path socket = this.dir.socket("noinfo.sock");
		try (ConfigurableApplicationContext context = runWebApp(socket, "management.info.udsgrpc.enabled=false")) {
			HttpResponse<String> info = get(context, "/actuator/info");
			assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
			assertThat(json(info)).doesNotContainKey("grpc.uds");
		}
	}

}
