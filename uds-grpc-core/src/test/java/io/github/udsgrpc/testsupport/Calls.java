package io.github.udsgrpc.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.echo.EchoRequest;
import io.grpc.stub.StreamObserver;

/**
 * Helpers for streaming calls in tests.
 */
public final class Calls {

	private Calls() {
	}

	public static EchoRequest request(String text) {
		return EchoRequest.newBuilder().setText(text).build();
	}

	/**
	 * Sends the texts on a client- or bidi-streaming call and collects the replies.
	 */
	public static List<String> stream(Function<StreamObserver<EchoReply>, StreamObserver<EchoRequest>> call,
			String... texts) throws Exception {
		List<String> replies = new ArrayList<>();
		CompletableFuture<List<String>> done = new CompletableFuture<>();
		StreamObserver<EchoRequest> requests = call.apply(new StreamObserver<>() {

			@Override
			public void onNext(EchoReply value) {
				synchronized (replies) {
					replies.add(value.getText());
				}
			}

			@Override
			public void onError(Throwable t) {
				done.completeExceptionally(t);
			}

			@Override
			public void onCompleted() {
				synchronized (replies) {
					done.complete(List.copyOf(replies));
				}
			}
		});
		for (String text : texts) {
			requests.onNext(request(text));
		}
		requests.onCompleted();
		return done.get(10, TimeUnit.SECONDS);
	}

}
