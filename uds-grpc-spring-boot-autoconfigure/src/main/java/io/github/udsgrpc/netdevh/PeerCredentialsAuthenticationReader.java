package io.github.udsgrpc.netdevh;

import io.github.udsgrpc.peer.PeerCredentials;
import io.github.udsgrpc.security.PeerCredentialsAuthentication;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import net.devh.boot.grpc.server.security.authentication.GrpcAuthenticationReader;

import org.springframework.security.core.Authentication;

/**
 * Reads who calls from the call's socket connection: a {@link PeerCredentialsAuthentication} for calls over a
 * socket listener, {@code null} (no authentication, so net.devh goes on as anonymous) for calls over TCP or
 * in-process. Combine it with other readers in a {@code CompositeGrpcAuthenticationReader} when the TCP port is kept.
 */
public class PeerCredentialsAuthenticationReader implements GrpcAuthenticationReader {

	@Override
	public Authentication readAuthentication(ServerCall<?, ?> call, Metadata headers) {
		return PeerCredentials.of(call).map(PeerCredentialsAuthentication::new).orElse(null);
	}

}
