package io.github.udsgrpc.sample;

import io.github.udsgrpc.peer.PeerCredentials;
import io.github.udsgrpc.sample.proto.GreeterGrpc;
import io.github.udsgrpc.sample.proto.HelloReply;
import io.github.udsgrpc.sample.proto.HelloRequest;
import io.grpc.stub.StreamObserver;
import net.devh.boot.grpc.server.service.GrpcService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC service; it knows nothing of sockets, but may ask who called over one.
 */
@GrpcService
public class GreeterService extends GreeterGrpc.GreeterImplBase {

	private static final Logger logger = LoggerFactory.getLogger(GreeterService.class);

	@Override
	public void sayHello(HelloRequest request, StreamObserver<HelloReply> responseObserver) {
		// The kernel's record of the connecting process (absent for calls that did not come over a socket).
		PeerCredentials.current()
			.ifPresent((peer) -> logger.info("SayHello from uid {} pid {}", peer.uid(),
					peer.pid().isPresent() ? peer.pid().getAsInt() : "unknown"));
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
