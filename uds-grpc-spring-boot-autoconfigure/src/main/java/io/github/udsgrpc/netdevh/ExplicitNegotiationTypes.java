package io.github.udsgrpc.netdevh;

import java.util.Map;

import net.devh.boot.grpc.client.config.GrpcChannelsProperties;
import net.devh.boot.grpc.client.config.NegotiationType;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Tells whether the user chose a client's negotiation type. net.devh's properties answer TLS when nothing is set,
 * which cannot work on a socket, so a socket channel is plaintext unless the user asked for something else for
 * that client or for {@code GLOBAL}.
 */
public final class ExplicitNegotiationTypes {

	private final Map<String, ClientSettings> clients;

	private ExplicitNegotiationTypes(Map<String, ClientSettings> clients) {
		this.clients = clients;
	}

	public static ExplicitNegotiationTypes from(Environment environment) {
		Map<String, ClientSettings> clients = Binder.get(environment)
			.bind("grpc.client", Bindable.mapOf(String.class, ClientSettings.class))
			.orElse(Map.of());
		return new ExplicitNegotiationTypes(clients);
	}

	/**
	 * The negotiation type set for this client, else for GLOBAL, else {@code null}.
	 * @param name the client's name
	 * @return the explicit choice, or null
	 */
	NegotiationType of(String name) {
		NegotiationType own = negotiationTypeOf(name);
		return (own != null) ? own : negotiationTypeOf(GrpcChannelsProperties.GLOBAL_PROPERTIES_KEY);
	}

	private NegotiationType negotiationTypeOf(String name) {
		ClientSettings settings = this.clients.get(name);
		return (settings != null) ? settings.getNegotiationType() : null;
	}

	/** The one client setting read here, bound like net.devh binds it. */
	public static class ClientSettings {

		private NegotiationType negotiationType;

		public NegotiationType getNegotiationType() {
			return this.negotiationType;
		}

		public void setNegotiationType(NegotiationType negotiationType) {
			this.negotiationType = negotiationType;
		}

	}

}
