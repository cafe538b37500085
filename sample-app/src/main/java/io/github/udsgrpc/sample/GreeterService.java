package io.github.udsgrpc.sample;

import io.github.udsgrpc.sample.proto.GreeterGrpc;
import io.github.udsgrpc.sample.proto.HelloReply;
import io.github.udsgrpc.sample.proto.HelloRequest;
import io.grpc.stub.StreamObserver;
import net.devh.boot.grpc.server.service.GrpcService;

/**
 * The gRPC service; it knows nothing of sockets.
 */
@GrpcService
public class GreeterService extends GreeterGrpc.GreeterImplBase {

	@Override
	public void sayHello(HelloRequest request, StreamObserver<HelloReply> responseObserver) {
		responseObserver.onNext(reply("Hello, " + request.getName()));
		responseObserver.onCompleted();
	}

	@Override
	public void sayHelloStream(HelloRequest request, StreamObserver<HelloReply> responseObserver) {
		for (String greeting : new String[] { "Hello", "Bonjour", "Hallo" }) {
			responseObserver.onNext(reply(greeting + ", " + request.getName()));
		}
		responseObserver.onCompleted();
	}

	private static HelloReply reply(String message) {
		return HelloReply.newBuilder().setMessage(message).build();
	}

}
