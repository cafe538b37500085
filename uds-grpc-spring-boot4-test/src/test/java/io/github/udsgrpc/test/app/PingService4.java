package io.github.udsgrpc.test.app;

import io.github.udsgrpc.test.ping.PingGrpc;
import io.github.udsgrpc.test.ping.PingReply;
import io.github.udsgrpc.test.ping.PingRequest;
import io.grpc.stub.StreamObserver;

import org.springframework.beans.factory.annotation.Value;

/**
 * Answers {@code PREFIX TEXT}; tests give contexts different prefixes to tell which server a client reached. A plain
 * bean: Spring Boot 4.1 serves every {@code BindableService} bean.
 */
public class PingService4 extends PingGrpc.PingImplBase {

	private final String prefix;

	public PingService4(@Value("${ping.prefix:pong}") String prefix) {
		this.prefix = prefix;
	}

	@Override
	public void ping(PingRequest request, StreamObserver<PingReply> responseObserver) {
		responseObserver.onNext(PingReply.newBuilder().setText(this.prefix + " " + request.getText()).build());
		responseObserver.onCompleted();
	}

}
