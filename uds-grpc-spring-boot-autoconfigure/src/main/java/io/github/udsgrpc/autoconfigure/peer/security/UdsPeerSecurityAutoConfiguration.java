package io.github.udsgrpc.autoconfigure.peer.security;

import io.github.udsgrpc.netdevh.PeerCredentialsAuthenticationReader;
import io.github.udsgrpc.security.PeerCredentialsAuthenticationProvider;
import net.devh.boot.grpc.server.security.authentication.GrpcAuthenticationReader;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AuthenticationManager;

/**
 * When the application turns on net.devh's gRPC security (it defines an {@link AuthenticationManager}) and has no
 * {@link GrpcAuthenticationReader} of its own, callers are read from their socket connection's credentials. The
 * {@link PeerCredentialsAuthenticationProvider} is not defined as a bean: an AuthenticationProvider bean would
 * change Spring Security's global authentication for HTTP as well; the application adds it to its manager.
 */
@AutoConfiguration(beforeName = "net.devh.boot.grpc.server.autoconfigure.GrpcServerSecurityAutoConfiguration")
@ConditionalOnClass({ GrpcAuthenticationReader.class, AuthenticationManager.class })
@ConditionalOnBean(AuthenticationManager.class)
public class UdsPeerSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(GrpcAuthenticationReader.class)
	PeerCredentialsAuthenticationReader peerCredentialsAuthenticationReader() {
		return new PeerCredentialsAuthenticationReader();
	}

}
