package io.github.udsgrpc.autoconfigure.server;

/**
 * net.devh's {@code grpc.server.address=unix:...} could not be read as the socket to serve.
 */
public class UnixServerAddressException extends RuntimeException {

	/** Why the address could not be served. */
	public enum Reason {

		/** It names another socket than {@code grpc.uds.path}. */
		CONFLICTS_WITH_PATH,

		/** It is not a {@code unix:} address the starter can read. */
		NOT_A_SOCKET_ADDRESS

	}

	private final Reason reason;

	private final String address;

	private final String path;

	UnixServerAddressException(Reason reason, String address, String path, String description) {
		super(description);
		this.reason = reason;
		this.address = address;
		this.path = path;
	}

	/**
	 * Why the address could not be served.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * The value of {@code grpc.server.address}.
	 * @return the address as configured
	 */
	public String getAddress() {
		return this.address;
	}

	/**
	 * The value of {@code grpc.uds.path} it conflicts with.
	 * @return the path as configured, or {@code null} unless the reason is {@link Reason#CONFLICTS_WITH_PATH}
	 */
	public String getPath() {
		return this.path;
	}

}
