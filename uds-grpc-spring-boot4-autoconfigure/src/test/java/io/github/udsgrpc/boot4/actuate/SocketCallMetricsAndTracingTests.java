package io.github.udsgrpc.boot4.actuate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import brave.Span.Kind;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import io.github.udsgrpc.boot4.testsupport.EchoApp4;
import io.github.udsgrpc.boot4.testsupport.SeenCalls;
import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.testsupport.Calls;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.ImportGrpcClients;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics and traces of calls over a socket in a Spring Boot 4.1 application with actuator and a real tracer (Brave,
 * through Boot's {@code spring-boot-micrometer-tracing-brave}): Boot's gRPC observations record the client's and the
 * server's call with its service, method and status, the trace goes from client to server over the socket, and no
 * tag carries the socket path. The Boot 4.1 twin of the Boot 3.5 line's test of the same name; net.devh's own
 * metric interceptors and grpc-java's A66 metrics have no counterpart on Boot 4.1.
 */
class SocketCallMetricsAndTracingTests {

	private static final Duration HANG_GUARD = Duration.ofSeconds(10);

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private ConfigurableApplicationContext run(Path socket) {
		return EchoApp4.run(new Class<?>[] { EchoClient.class, Spans.class, SeenCalls.class }, "grpc.uds.path=" + socket,
				"spring.grpc.client.channel.echo.target=unix:" + socket, "management.tracing.sampling.probability=1.0");
	}

	@Test
	void clientAndServerCallsAreMeasuredWithServiceMethodAndStatus() {
		Path socket = this.dir.socket("metrics.sock");
		try (ConfigurableApplicationContext context = run(socket)) {
			context.getBean(EchoGrpc.EchoBlockingStub.class).unary(Calls.request("measure me"));
			MeterRegistry meters = context.getBean(MeterRegistry.class);

			// Micrometer's gRPC observations, as Boot's observation registry turns them into timers
			assertCountedOnce(meters, "grpc.client", "rpc.service", "udsgrpc.test.Echo", "rpc.method", "Unary",
					"rpc.type", "UNARY", "grpc.status_code", "OK");
			assertCountedOnce(meters, "grpc.server", "rpc.service", "udsgrpc.test.Echo", "rpc.method", "Unary",
					"rpc.type", "UNARY", "grpc.status_code", "OK");
			// Unlike net.devh on Boot 3.5, Boot 4.1 adds neither metric interceptors of its own nor grpc-java's A66
			// metrics.
			assertThat(meters.getMeters()).extracting((meter) -> meter.getId().getName())
				.contains("grpc.client", "grpc.server")
				.doesNotContain("grpc.client.processing.duration", "grpc.server.processing.duration",
						"grpc.client.call.duration", "grpc.server.call.duration");

			assertNoTagNamesTheSocket(meters, socket);
		}
	}

	@Test
	void theTraceGoesFromClientToServerOverTheSocketWithLocalhostAsPeer() {
		Path socket = this.dir.socket("traced.sock");
		try (ConfigurableApplicationContext context = run(socket)) {
			context.getBean(EchoGrpc.EchoBlockingStub.class).unary(Calls.request("trace me"));
			Spans spans = context.getBean(Spans.class);
			Awaitility.await().atMost(HANG_GUARD).until(() -> spans.named("udsgrpc.test.Echo/Unary").size() == 2);

			MutableSpan client = spans.of(Kind.CLIENT);
			MutableSpan server = spans.of(Kind.SERVER);
			assertThat(server.traceId()).isEqualTo(client.traceId());
			assertThat(server.parentId()).as("the server span's parent is the client span").isEqualTo(client.id());
			for (MutableSpan span : List.of(client, server)) {
				assertThat(span.tags()).containsEntry("rpc.service", "udsgrpc.test.Echo")
					.containsEntry("rpc.method", "Unary")
					.containsEntry("grpc.status_code", "OK")
					// Taken from the :authority, which socket clients send as localhost (grpc.uds.client.authority).
					.containsEntry("net.peer.name", "localhost")
					.containsEntry("net.peer.port", "-1");
			}
			assertNoSpanNamesTheSocket(spans, socket);
		}
	}

	@Test
	void aClientSendingTheSocketPathAsAuthorityDoesNotPutThePathInTheServerSpan() throws Exception {
		Path socket = this.dir.socket("path-authority.sock");
		try (ConfigurableApplicationContext context = run(socket);
				HandWiredChannel channel = new HandWiredChannel(socket)) {
			// Plain grpc-java sends the socket path as :authority; so may other clients.
			EchoGrpc.newBlockingStub(channel.channel()).unary(Calls.request("plain grpc-java"));
			assertThat(context.getBean(SeenCalls.class).single().authority())
				.contains(socket.getFileName().toString());

			Spans spans = context.getBean(Spans.class);
			Awaitility.await().atMost(HANG_GUARD).until(() -> spans.named("udsgrpc.test.Echo/Unary").size() == 1);
			assertThat(spans.of(Kind.SERVER).tags()).containsEntry("net.peer.name", "UNKNOWN");
			assertNoSpanNamesTheSocket(spans, socket);
			assertNoTagNamesTheSocket(context.getBean(MeterRegistry.class), socket);
		}
	}

	private static void assertCountedOnce(MeterRegistry meters, String name, String... tags) {
		// A server-side meter is recorded after the reply is on its way, so it may trail the client's return.
		Awaitility.await().atMost(HANG_GUARD).untilAsserted(() -> {
			Timer timer = meters.find(name).tags(tags).timer();
			assertThat(timer).as("timer %s with tags %s among %s", name, List.of(tags), meterIds(meters)).isNotNull();
			assertThat(timer.count()).as(name).isEqualTo(1);
		});
	}

	private static List<String> meterIds(MeterRegistry meters) {
		return meters.getMeters()
			.stream()
			.map((meter) -> meter.getId().toString())
			.filter((id) -> id.contains("grpc") && !id.contains(".histogram"))
			.sorted()
			.toList();
	}

	private static void assertNoTagNamesTheSocket(MeterRegistry meters, Path socket) {
		assertThat(meterIds(meters)).as("gRPC meters").isNotEmpty();
		for (Meter meter : meters.getMeters()) {
			for (Tag tag : meter.getId().getTags()) {
				assertThat(tag.getValue()).as("tag %s of %s", tag.getKey(), meter.getId().getName())
					.doesNotContain(socket.getParent().toString())
					.doesNotContain("unix:");
			}
		}
	}

	private static void assertNoSpanNamesTheSocket(Spans spans, Path socket) {
		assertThat(spans.spans).isNotEmpty();
		for (MutableSpan span : spans.spans) {
			assertThat(span.toString()).as("span").doesNotContain(socket.getParent().toString()).doesNotContain("unix:");
		}
	}

	/** A blocking stub of the channel named {@code echo}, as an application declares it. */
	@Configuration(proxyBeanMethods = false)
	@ImportGrpcClients(target = "echo", types = EchoGrpc.EchoBlockingStub.class)
	static class EchoClient {

	}

	/** Collects the spans Brave finishes. */
	static class Spans {

		final List<MutableSpan> spans = new CopyOnWriteArrayList<>();

		@Bean
		SpanHandler collectingSpanHandler() {
			return new SpanHandler() {

				@Override
				public boolean end(TraceContext context, MutableSpan span, Cause cause) {
					Spans.this.spans.add(span);
					return true;
				}

			};
		}

		List<MutableSpan> named(String name) {
			return this.spans.stream().filter((span) -> name.equals(span.name())).toList();
		}

		MutableSpan of(Kind kind) {
			List<MutableSpan> ofKind = this.spans.stream().filter((span) -> span.kind() == kind).toList();
			assertThat(ofKind).as("%s spans among %s", kind, this.spans).hasSize(1);
			return ofKind.get(0);
		}

	}

}
