package io.github.udsgrpc.security;

import java.util.Collection;
import java.util.List;

import io.github.udsgrpc.peer.PeerCredentials;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A caller known by the credentials of its socket connection. Its principal and credentials are the
 * {@link PeerCredentials}; its name is the peer's uid ({@code "1000"}).
 */
public class PeerCredentialsAuthentication extends AbstractAuthenticationToken {

	private final PeerCredentials peer;

	/**
	 * An authentication request, as net.devh's {@code PeerCredentialsAuthenticationReader} and Spring Boot 4's
	 * {@code PeerCredentialsAuthenticationExtractor} make it: not yet authenticated.
	 * @param peer the peer's credentials
	 */
	public PeerCredentialsAuthentication(PeerCredentials peer) {
		super(List.of());
		this.peer = peer;
		setAuthenticated(false);
	}

	/**
	 * An authenticated caller, as {@link PeerCredentialsAuthenticationProvider} makes it.
	 * @param peer the peer's credentials
	 * @param authorities what the caller may do
	 */
	public PeerCredentialsAuthentication(PeerCredentials peer, Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.peer = peer;
		super.setAuthenticated(true);
	}

	@Override
	public PeerCredentials getPrincipal() {
		return this.peer;
	}

	/**
	 * The credentials the kernel gave: the same object as the principal. There is no secret to erase.
	 */
	@Override
	public PeerCredentials getCredentials() {
		return this.peer;
	}

	/**
	 * The peer's uid.
	 */
	@Override
	public String getName() {
		return Long.toString(this.peer.uid());
	}

	/**
	 * Only the provider may mark a caller authenticated (through the constructor).
	 */
	@Override
	public void setAuthenticated(boolean authenticated) {
		if (authenticated) {
			throw new IllegalArgumentException("Use the constructor with authorities to create an authenticated "
					+ "PeerCredentialsAuthentication");
		}
		super.setAuthenticated(false);
	}

}
