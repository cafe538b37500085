package io.github.udsgrpc.autoconfigure.server;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import io.github.udsgrpc.autoconfigure.testsupport.EchoApp;
import io.github.udsgrpc.testsupport.HandWiredChannel;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1alpha.ServerReflectionGrpc;
import io.grpc.reflection.v1alpha.ServerReflectionRequest;
import io.grpc.reflection.v1alpha.ServerReflectionResponse;
import io.grpc.reflection.v1alpha.ServiceResponse;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * net.devh's gRPC health and reflection services answer on the socket, to plain grpc-java clients wired by hand:
 * what {@code grpc_health_probe -addr unix:///path} and {@code grpcurl -unix} ask.
 */
class HealthAndReflectionServicesOverSocketTests {

	@RegisterExtension
	final ShortTempDir dir = new ShortTempDir();

	@Test
	void theHealthServiceAnswersServingForTheWholeServer() throws Exception {
		Path socket = this.dir.socket("health.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket);
				HandWiredChannel channel = new HandWiredChannel(socket)) {
			HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel.channel())
				.withDeadlineAfter(30, TimeUnit.SECONDS);
			assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
				.isEqualTo(ServingStatus.SERVING);
			// net.devh registers no per-service status: a probe must ask for the server ("").
			assertThatExceptionOfType(StatusRuntimeException.class)
				.isThrownBy(() -> health.check(HealthCheckRequest.newBuilder().setService("udsgrpc.test.Echo").build()))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
		}
	}

	@Test
	void reflectionListsAndDescribesTheServicesOnTheSocket() throws Exception {
		Path socket = this.dir.socket("reflect.sock");
		try (ConfigurableApplicationContext context = EchoApp.run("grpc.uds.path=" + socket);
				HandWiredChannel channel = new HandWiredChannel(socket)) {
			ServerReflectionResponse list = reflect(channel,
					ServerReflectionRequest.newBuilder().setListServices("*").build());
			assertThat(list.getListServicesResponse().getServiceList()).extracting(ServiceResponse::getName)
				.contains("udsgrpc.test.Echo", "grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection");

			ServerReflectionResponse describe = reflect(channel,
					ServerReflectionRequest.newBuilder().setFileContainingSymbol("udsgrpc.test.Echo").build());
			List<FileDescriptorProto> files = describe.getFileDescriptorResponse().getFileDescriptorProtoList().stream()
				.map(HealthAndReflectionServicesOverSocketTests::parse)
				.toList();
			ServiceDescriptorProto echo = files.stream().flatMap((file) -> file.getServiceList().stream())
				.filter((service) -> service.getName().equals("Echo"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no Echo service in " + files));
			assertThat(echo.getMethodList()).extracting((method) -> method.getName())
				.containsExactly("Unary", "ServerStream", "ClientStream", "Bidi");
		}
	}

	private static FileDescriptorProto parse(com.google.protobuf.ByteString bytes) {
		try {
			return FileDescriptorProto.parseFrom(bytes);
		}
		catch (com.google.protobuf.InvalidProtocolBufferException ex) {
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
