package io.github.udsgrpc.autoconfigure.peer;

/**
 * A peer access policy that cannot be used, such as a negative user id; reported at startup through
 * {@link PeerAccessPolicyFailureAnalyzer}.
 */
public class PeerAccessPolicyException extends IllegalArgumentException {

	private final String source;

	private final String part;

	/**
	 * Creates the exception.
	 * @param source where the policy comes from: a property prefix ending with a dot ({@code grpc.uds.}) or a
	 * listener ({@code socket listener 'admin'})
	 * @param part the part of the policy at fault ({@code allowed-uids} or {@code allowed-gids})
	 * @param problem what is wrong
	 */
	public PeerAccessPolicyException(String source, String part, String problem) {
		super(where(source, part) + ": " + problem);
		this.source = source;
		this.part = part;
	}

	private static String where(String source, String part) {
		return source.endsWith(".") ? source + part : source + " " + part;
	}

	/**
	 * The setting at fault: {@code grpc.uds.allowed-uids} or {@code socket listener 'admin' allowed-uids}.
	 * @return its name
	 */
	public String getSetting() {
		return where(this.source, this.part);
	}

}
