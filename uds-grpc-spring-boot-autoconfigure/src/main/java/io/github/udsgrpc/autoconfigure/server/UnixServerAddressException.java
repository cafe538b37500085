package io.github.udsgrpc.autoconfigure.server;

/**
 * net.devh's {@code grpc.server.address=unix:...} could not be read as the socket to serve.
 */
public class UnixServerAddressException extends RuntimeException {

	private final String address;

	private final String action;

	UnixServerAddressException(String address, String description, String action) {
		super(description);
		this.address = address;
		this.action = action;
	}

	/**
	 * The value of {@code grpc.server.address}.
	 * @return the address as configured
	 */
	public String getAddress() {
		return this.address;
	}

	/**
	 * What to change.
	 * @return the action, for the failure analysis
	 */
	public String getAction() {
		return this.action;
	}

}
