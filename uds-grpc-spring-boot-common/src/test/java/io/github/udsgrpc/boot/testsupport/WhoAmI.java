package io.github.udsgrpc.boot.testsupport;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.udsgrpc.peer.PeerCredentials;
import io.github.udsgrpc.test.whoami.Caller;
import io.github.udsgrpc.test.whoami.WhoAmIGrpc;
import io.github.udsgrpc.test.whoami.WhoAmIRequest;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.stub.StreamObserver;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ClassUtils;

/**
 * Answers with the peer credentials service code sees ({@link PeerCredentials#current()}), whether they equal those
 * in the call's attributes (as {@link CallAttributes} puts them in the context), and the Spring Security
 * authentication if there is one. Counts the calls that reached it, so tests can prove a refused call did not. Each
 * Spring Boot line declares it as its services are declared, with {@link CallAttributes} as its interceptor.
 */
public class WhoAmI extends WhoAmIGrpc.WhoAmIImplBase {

	static final Context.Key<PeerCredentials> FROM_ATTRIBUTES = Context.key("peer-from-attributes");

	private static final boolean SECURITY_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.core.context.SecurityContextHolder", WhoAmI.class.getClassLoader());

	private final AtomicInteger served = new AtomicInteger();

	@Override
	public void whoAmI(WhoAmIRequest request, StreamObserver<Caller> responseObserver) {
		this.served.incrementAndGet();
		Caller.Builder caller = Caller.newBuilder();
		PeerCredentials.current().ifPresent((peer) -> caller.setHasCredentials(true)
			.setUid(peer.uid())
			.setGid(peer.gid())
			.addAllGids(peer.gids())
			.setPid(peer.pid().orElse(0)));
		caller.setAttributesMatchContext(PeerCredentials.current().isPresent()
				&& Objects.equals(FROM_ATTRIBUTES.get(), PeerCredentials.current().get()));
		describeAuthentication(caller);
		responseObserver.onNext(caller.build());
		responseObserver.onCompleted();
	}

	private static void describeAuthentication(Caller.Builder caller) {
		if (SECURITY_PRESENT) {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			if (authentication != null) {
				caller.setPrincipal(authentication.getName());
				authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).forEach(caller::addAuthorities);
			}
		}
	}

	/**
	 * The number of calls that reached this service's method.
	 * @return the count
	 */
	public int served() {
		return this.served.get();
	}

	/** Puts the credentials of the call's attributes into the context, to compare with the starter's. */
	public static class CallAttributes implements ServerInterceptor {

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
				ServerCallHandler<Q, R> next) {
			PeerCredentials peer = PeerCredentials.of(call).orElse(null);
			return Contexts.interceptCall(Context.current().withValue(FROM_ATTRIBUTES, peer), call, headers, next);
		}

	}

}
