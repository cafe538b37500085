package io.github.udsgrpc.boot4.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import io.github.udsgrpc.boot4.testsupport.EchoApp4;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spring Boot 4.1's gRPC health and reflection services answer on the socket, to plain grpc-java clients wired by
 * hand: what {@code grpc_health_probe -addr unix:///path} and {@code grpcurl -unix} ask. The Boot 4.1 twin of the
 * Boot 3.5 line's test of the same name; unlike net.devh, Boot registers reflection {@code v1} and can report the
 * starter's {@code udsGrpc} health component as a gRPC service's status.
 */
class HealthAndReflectionServicesOverSocketTests {

	private static final Duration HANG_GUARD = Duration.ofSeconds(30);

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	private static HealthGrpc.HealthBlockingStub health(HandWiredChannel channel) {
		return HealthGrpc.newBlockingStub(channel.channel()).withDeadlineAfter(30, TimeUnit.SECONDS);
	}

	private static ServingStatus check(HandWiredChannel channel, String service) {
		return health(channel).check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
	}

	@Test
	void theHealthServiceAnswersServingForTheWholeServerAndKnowsNoServiceByDefault() throws Exception {
		Path socket = this.dir.socket("health.sock");
		try (ConfigurableApplicationContext context = EchoApp4.run("grpc.uds.path=" + socket);
				HandWiredChannel channel = new HandWiredChannel(socket)) {
			assertThat(check(channel, "")).isEqualTo(ServingStatus.SERVING);
			// Boot registers a status per service only when spring.grpc.server.health.service.NAME.* asks for one.
			assertThatExceptionOfType(StatusRuntimeException.class)
				.isThrownBy(() -> check(channel, "udsgrpc.test.Echo"))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
		}
	}

	@Test
	void aHealthServiceMadeOfTheSocketsHealthComponentTurnsNotServingWhenTheSocketFileIsDeleted() throws Exception {
		Path socket = this.dir.socket("probe.sock");
		try (ConfigurableApplicationContext context = EchoApp4.run("grpc.uds.path=" + socket,
				"spring.grpc.server.health.service.socket.include=udsGrpc",
				"spring.grpc.server.health.schedule.delay=0s", "spring.grpc.server.health.schedule.period=100ms");
				HandWiredChannel channel = new HandWiredChannel(socket)) {
			Awaitility.await()
				.atMost(HANG_GUARD)
				.ignoreExceptionsInstanceOf(StatusRuntimeException.class)
				.until(() -> check(channel, "socket") == ServingStatus.SERVING);
			assertThat(check(channel, "")).isEqualTo(ServingStatus.SERVING);

			Files.delete(socket);
			// The connection made before stays up: it asks the server whose socket file is gone.
			Awaitility.await().atMost(HANG_GUARD).until(() -> check(channel, "socket") == ServingStatus.NOT_SERVING);
			assertThat(check(channel, "")).as("the whole server follows every component")
				.isEqualTo(ServingStatus.NOT_SERVING);
		}
	}

	@Test
	void reflectionListsAndDescribesTheServicesOnTheSocket() throws Exception {
		Path socket = this.dir.socket("reflect.sock");
		try (ConfigurableApplicationContext context = EchoApp4.run("grpc.uds.path=" + socket);
				HandWiredChannel channel = new HandWiredChannel(socket)) {
			ServerReflectionResponse list = reflect(channel,
					ServerReflectionRequest.newBuilder().setListServices("*").build());
			assertThat(list.getListServicesResponse().getServiceList()).extracting(ServiceResponse::getName)
				.containsExactlyInAnyOrder("udsgrpc.test.Echo", "grpc.health.v1.Health",
						"grpc.reflection.v1.ServerReflection");

			ServerReflectionResponse describe = reflect(channel,
					ServerReflectionRequest.newBuilder().setFileContainingSymbol("udsgrpc.test.Echo").build());
			List<FileDescriptorProto> files = describe.getFileDescriptorResponse()
				.getFileDescriptorProtoList()
				.stream()
				.map(HealthAndReflectionServicesOverSocketTests::parse)
				.toList();
			ServiceDescriptorProto echo = files.stream()
				.flatMap((file) -> file.getServiceList().stream())
				.filter((service) -> service.getName().equals("Echo"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no Echo service in " + files));
			assertThat(echo.getMethodList()).extracting(MethodDescriptorProto::getName)
				.containsExactly("Unary", "ServerStream", "ClientStream", "Bidi");
		}
	}

	@Test
	void reflectionCanBeSwitchedOffAndHealthStaysOnTheSocket() throws Exception {
		Path socket = this.dir.socket("noreflect.sock");
		try (ConfigurableApplicationContext context = EchoApp4.run("grpc.uds.path=" + socket,
				"spring.grpc.server.reflection.enabled=false");
				HandWiredChannel channel = new HandWiredChannel(socket)) {
			assertThat(check(channel, "")).isEqualTo(ServingStatus.SERVING);
			assertThatExceptionOfType(Exception.class)
				.isThrownBy(() -> reflect(channel, ServerReflectionRequest.newBuilder().setListServices("*").build()))
				.satisfies((ex) -> assertThat(Status.fromThrowable(ex).getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
		}
	}

	private static FileDescriptorProto parse(ByteString bytes) {
		try {
			return FileDescriptorProto.parseFrom(bytes);
		}
		catch (InvalidProtocolBufferException ex) {
			throw new AssertionError("reflection sent a file descriptor that does not parse", ex);
		}
	}

	/** One request on reflection's bidirectional stream, as grpcurl sends them. */
	private static ServerReflectionResponse reflect(HandWiredChannel channel, ServerReflectionRequest request)
			throws Exception {
		CompletableFuture<ServerReflectionResponse> response = new CompletableFuture<>();
		StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel.channel())
			.withDeadlineAfter(30, TimeUnit.SECONDS)
			.serverReflectionInfo(new StreamObserver<>() {

				@Override
				public void onNext(ServerReflectionResponse value) {
					response.complete(value);
				}

				@Override
				public void onError(Throwable t) {
					response.completeExceptionally(t);
				}

				@Override
				public void onCompleted() {
					response.completeExceptionally(new AssertionError("reflection ended without an answer"));
				}

			});
		requests.onNext(request);
		requests.onCompleted();
		ServerReflectionResponse answer = response.get(30, TimeUnit.SECONDS);
		assertThat(answer.hasErrorResponse()).as("error %s", answer.getErrorResponse()).isFalse();
		return answer;
	}

}
