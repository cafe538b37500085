package io.github.udsgrpc.benchmarks.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.protobuf.ByteString;
import io.github.udsgrpc.benchmarks.proto.BenchGrpc;
import io.github.udsgrpc.benchmarks.proto.Payload;
import io.github.udsgrpc.benchmarks.proto.StreamRequest;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import net.devh.boot.grpc.server.service.GrpcService;

/**
 * The tiny service every gRPC transport serves: a Spring bean through {@code @GrpcService} in the Spring
 * transports, a plain object in the others.
 */
@GrpcService
public class BenchService extends BenchGrpc.BenchImplBase {

	private final Map<Integer, Payload> messages = new ConcurrentHashMap<>();

	@Override
	public void echo(Payload request, StreamObserver<Payload> responseObserver) {
		responseObserver.onNext(request);
		responseObserver.onCompleted();
	}

	/**
	 * Sends as fast as flow control lets it: only while the transport is ready, so that a slow reader never makes
	 * the server buffer the whole stream.
	 */
	@Override
	public void stream(StreamRequest request, StreamObserver<Payload> responseObserver) {
		ServerCallStreamObserver<Payload> observer = (ServerCallStreamObserver<Payload>) responseObserver;
		Payload message = this.messages.computeIfAbsent(request.getSize(),
				(size) -> Payload.newBuilder().setData(ByteString.copyFrom(new byte[size])).build());
		int count = request.getCount();
		observer.setOnCancelHandler(() -> {
		});
		observer.setOnReadyHandler(new Runnable() {

			private int sent;

			private boolean completed;

			@Override
			public void run() {
				while (this.sent < count && observer.isReady() && !observer.isCancelled()) {
					observer.onNext(message);
					this.sent++;
				}
				if (this.sent == count && !this.completed) {
					this.completed = true;
					observer.onCompleted();
				}
			}

		});
	}

}
