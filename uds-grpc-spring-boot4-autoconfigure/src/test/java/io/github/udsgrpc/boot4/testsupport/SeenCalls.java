package io.github.udsgrpc.boot4.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

import org.springframework.grpc.server.GlobalServerInterceptor;

/**
 * What the server saw of each call (its {@code :authority} and headers), recorded by a global server interceptor,
 * for tests of what clients send. Add the class to an application's sources to record its server's calls.
 */
@GlobalServerInterceptor
public class SeenCalls implements ServerInterceptor {

	private final List<Seen> calls = new CopyOnWriteArrayList<>();

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		this.calls.add(new Seen(call.getMethodDescriptor().getFullMethodName(), call.getAuthority(), headers));
		return next.startCall(call, headers);
	}

	/**
	 * The calls seen so far, in order.
	 * @return the calls
	 */
	public List<Seen> all() {
		return List.copyOf(this.calls);
	}

	/**
	 * The one call seen so far.
	 * @return it
	 * @throws AssertionError unless exactly one call was seen
	 */
	public Seen single() {
		List<Seen> seen = all();
		if (seen.size() != 1) {
			throw new AssertionError("Expected one call, saw " + seen);
		}
		return seen.get(0);
	}

	/**
	 * A call as the server saw it.
	 *
	 * @param method the full method name
	 * @param authority the {@code :authority}
	 * @param headers the headers
	 */
	public record Seen(String method, String authority, Metadata headers) {

		/**
		 * A header's value.
		 * @param name the header's name
		 * @return its value, or {@code null}
		 */
		public String header(String name) {
			return this.headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
		}

	}

}
