package io.github.udsgrpc.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import io.github.udsgrpc.peer.PeerCredentials;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Authenticates a {@link PeerCredentialsAuthentication}: the kernel vouches for the uid, so every peer is
 * authenticated, and what it may do is decided by its authorities. By default they are {@code UID_<uid>},
 * {@code GID_<gid>} for each reported group, and {@code ROLE_SAME_USER} when the peer runs as this process's user;
 * give a function of your own to map uids to application roles.
 *
 * <p>
 * Add it to the {@code AuthenticationManager} that net.devh's gRPC security uses:
 * {@code new ProviderManager(new PeerCredentialsAuthenticationProvider())}; on Spring Boot 4's gRPC, give it to
 * {@code GrpcSecurity.authenticationProvider(...)} together with the
 * {@code io.github.udsgrpc.springgrpc.PeerCredentialsAuthenticationExtractor}.
 */
public class PeerCredentialsAuthenticationProvider implements AuthenticationProvider {

	private final Function<PeerCredentials, Collection<? extends GrantedAuthority>> authorities;

	/** A provider with the default authorities. */
	public PeerCredentialsAuthenticationProvider() {
		this(PeerCredentialsAuthenticationProvider::defaultAuthorities);
	}

	/**
	 * A provider with authorities of your choosing.
	 * @param authorities maps a peer to its authorities
	 */
	public PeerCredentialsAuthenticationProvider(
			Function<PeerCredentials, Collection<? extends GrantedAuthority>> authorities) {
		this.authorities = authorities;
	}

	/**
	 * The default authorities: {@code UID_<uid>}, {@code GID_<gid>} per group, {@code ROLE_SAME_USER} for a peer
	 * running as this process's user.
	 * @param peer the peer
	 * @return its authorities
	 */
	public static List<GrantedAuthority> defaultAuthorities(PeerCredentials peer) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new SimpleGrantedAuthority("UID_" + peer.uid()));
		peer.gids().forEach((gid) -> authorities.add(new SimpleGrantedAuthority("GID_" + gid)));
		if (peer.isSameUser()) {
			authorities.add(new SimpleGrantedAuthority("ROLE_SAME_USER"));
		}
		return authorities;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		PeerCredentials peer = ((PeerCredentialsAuthentication) authentication).getPrincipal();
		PeerCredentialsAuthentication result = new PeerCredentialsAuthentication(peer, this.authorities.apply(peer));
		result.setDetails(authentication.getDetails());
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return PeerCredentialsAuthentication.class.isAssignableFrom(authentication);
	}

}
