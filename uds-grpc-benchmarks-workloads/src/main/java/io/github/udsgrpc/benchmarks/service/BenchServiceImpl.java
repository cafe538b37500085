package io.github.udsgrpc.benchmarks.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.protobuf.ByteString;
import io.github.udsgrpc.benchmarks.proto.BenchGrpc;
import io.github.udsgrpc.benchmarks.proto.Payload;
import io.github.udsgrpc.benchmarks.proto.StreamRequest;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * The tiny service every gRPC transport serves, without Spring: the Spring applications register it (or a
 * subclass annotated for their framework) as a bean, the others as a plain object.
 */
public class BenchServiceImpl extends BenchGrpc.BenchImplBase {

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
