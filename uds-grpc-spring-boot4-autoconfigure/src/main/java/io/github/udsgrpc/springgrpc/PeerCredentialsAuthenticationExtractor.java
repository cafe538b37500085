package io.github.udsgrpc.springgrpc;

import io.github.udsgrpc.peer.PeerCredentials;
import io.github.udsgrpc.security.PeerCredentialsAuthentication;
import io.github.udsgrpc.security.PeerCredentialsAuthenticationProvider;
import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import org.jspecify.annotations.Nullable;

import org.springframework.grpc.server.security.GrpcAuthenticationExtractor;
import org.springframework.security.core.Authentication;

/**
 * Spring gRPC's security reads the caller of a call that came over a socket listener from its connection's peer
 * credentials: an unauthenticated {@link PeerCredentialsAuthentication}, which
 * {@link PeerCredentialsAuthenticationProvider} authenticates (the kernel vouches for the uid) with authorities such
 * as {@code UID_<uid>}. Calls without credentials (over TCP, in-process) get nothing here, so other extractors of
 * the same {@code GrpcSecurity} (HTTP basic, bearer tokens) still apply to them.
 *
 * <pre class="code">
 * &#64;Bean
 * &#64;GlobalServerInterceptor
 * AuthenticationProcessInterceptor peerCredentialsSecurity(GrpcSecurity grpc) throws Exception {
 *     return grpc.authenticationExtractor(new PeerCredentialsAuthenticationExtractor())
 *         .authenticationProvider(new PeerCredentialsAuthenticationProvider())
 *         .authorizeRequests((requests) -&gt; requests.methods("orders.Admin/*").hasAuthority("UID_0")
 *             .allRequests().authenticated())
 *         .build();
 * }
 * </pre>
 */
public class PeerCredentialsAuthenticationExtractor implements GrpcAuthenticationExtractor {

	@Override
	public @Nullable Authentication extract(Metadata headers, Attributes attributes, MethodDescriptor<?, ?> method) {
		PeerCredentials peer = attributes.get(PeerCredentials.TRANSPORT_ATTRIBUTE);
		return (peer != null) ? new PeerCredentialsAuthentication(peer) : null;
	}

}
