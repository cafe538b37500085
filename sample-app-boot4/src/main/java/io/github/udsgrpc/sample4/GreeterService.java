package io.github.udsgrpc.sample4;

import io.github.udsgrpc.peer.PeerCredentials;
import io.github.udsgrpc.sample4.proto.GreeterGrpc;
import io.github.udsgrpc.sample4.proto.HelloReply;
import io.github.udsgrpc.sample4.proto.HelloRequest;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * The gRPC service; it knows nothing of sockets, but may ask who called over one. A plain bean: Spring Boot serves
 * every {@code BindableService} bean.
 */
@Service
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
