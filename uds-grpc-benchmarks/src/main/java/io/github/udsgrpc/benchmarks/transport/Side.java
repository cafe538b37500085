package io.github.udsgrpc.benchmarks.transport;

/**
 * Which end of a transport this process runs: both (the default, one JVM), or only the server (a child JVM of
 * {@code --two-process}) or only the client (the measuring parent of {@code --two-process}).
 */
public enum Side {

	/** Server and client in this JVM. */
	BOTH,

	/** Only the server: this is a child JVM serving the measuring parent. */
	SERVER,

	/** Only the client: the server runs in a child JVM. */
	CLIENT;

	/**
	 * Whether this process runs the server.
	 * @return true for {@link #BOTH} and {@link #SERVER}
	 */
	public boolean hasServer() {
		return this != CLIENT;
	}

	/**
	 * Whether this process runs the client.
	 * @return true for {@link #BOTH} and {@link #CLIENT}
	 */
	public boolean hasClient() {
		return this != SERVER;
	}

}
