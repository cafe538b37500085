package io.github.udsgrpc.testsupport;

import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.echo.EchoRequest;
import io.grpc.stub.StreamObserver;

/**
 * The echo service, telling where its methods run: {@code ServerStream} answers once with the name of the thread it
 * runs on, {@code Unary} as {@link PlainEchoService} ({@link #THREAD} for the thread, {@link #HOLD} to wait).
 */
public class ThreadEchoService extends PlainEchoService {

	/**
	 * Replies once, with the name of the thread the method runs on.
	 */
	@Override
	public void serverStream(EchoRequest request, StreamObserver<EchoReply> responseObserver) {
		responseObserver.onNext(reply(Thread.currentThread().getName()));
		responseObserver.onCompleted();
	}

}
