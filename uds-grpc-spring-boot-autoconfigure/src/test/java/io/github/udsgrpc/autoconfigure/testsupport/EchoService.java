package io.github.udsgrpc.autoconfigure.testsupport;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.echo.EchoRequest;
import io.github.udsgrpc.testsupport.PlainEchoService;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.stub.StreamObserver;
import net.devh.boot.grpc.server.service.GrpcService;

/**
 * The core tests' echo service as a net.devh {@code @GrpcService}: it also tells the :authority it saw, and holds
 * calls on a latch every test can reach ({@link #held}), or sleeps.
 */
@GrpcService(interceptors = EchoService.AuthorityInterceptor.class)
public class EchoService extends PlainEchoService {

	static final Context.Key<String> AUTHORITY = Context.key("authority");

	/** Calls with the text {@code hold} wait until a test counts this latch down (at most a minute). */
	public static volatile CountDownLatch held = new CountDownLatch(0);

	/**
	 * Replies with the text; {@code hold} (see {@link #held}) or {@code sleep:MILLIS} make the call last first, for
	 * tests of calls in flight; {@code thread} is answered with the name of the thread the method runs on.
	 */
	@Override
	public void unary(EchoRequest request, StreamObserver<EchoReply> responseObserver) {
		if (request.getText().equals("hold")) {
			try {
				held.await(1, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		else if (request.getText().startsWith("sleep:")) {
			try {
				Thread.sleep(Long.parseLong(request.getText().substring("sleep:".length())));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		String text = request.getText().equals("thread") ? Thread.currentThread().getName() : request.getText();
		responseObserver.onNext(reply(text));
		responseObserver.onCompleted();
	}

	/**
	 * The reply, with the :authority the call came with.
	 */
	@Override
	protected EchoReply reply(String text) {
		String authority = AUTHORITY.get();
		return EchoReply.newBuilder().setText(text).setAuthority((authority != null) ? authority : "").build();
	}

	/** Puts the call's :authority into the context for the replies. */
	public static class AuthorityInterceptor implements ServerInterceptor {

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
				ServerCallHandler<Q, R> next) {
			String authority = call.getAuthority();
			return Contexts.interceptCall(Context.current().withValue(AUTHORITY, (authority != null) ? authority : ""),
					call, headers, next);
		}

	}

}
