package io.github.udsgrpc.peer;

/**
 * A peer access policy that cannot be used, such as a negative user id; reported at startup through
 * the starters' failure analyzer.
 */
public class PeerAccessPolicyException extends IllegalArgumentException {

	private final String source;

	private final String part;

	private final String problem;

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
		this.problem = problem;
	}

	private static String where(String source, String part) {
		return source.endsWith(".") ? source + part : source + " " + part;
	}

	/**
	 * What is wrong, without the setting: {@code user id -1 is not valid: user ids are numbers from 0 to 4294967294}.
	 * @return the problem
	 */
	public String getProblem() {
		return this.problem;
	}

	/**
	 * The setting at fault: {@code grpc.uds.allowed-uids} or {@code socket listener 'admin' allowed-uids}.
	 * @return its name
	 */
	public String getSetting() {
		return where(this.source, this.part);
	}

}
