package io.github.udsgrpc.server;

import java.util.List;

import io.github.udsgrpc.socket.UdsAddress;

/**
 * A listener limited to a service that is not registered (a typo would otherwise leave it serving nothing).
 */
public class UnknownListenerServiceException extends IllegalStateException {

	private final String listenerName;

	private final UdsAddress address;

	private final String serviceName;

	private final List<String> registered;

	UnknownListenerServiceException(String listenerName, UdsAddress address, String serviceName,
			List<String> registered) {
		super("Socket listener '" + listenerName + "' (" + address + ") is limited to service '" + serviceName
				+ "', which is not registered; registered services: " + registered);
		this.listenerName = listenerName;
		this.address = address;
		this.serviceName = serviceName;
		this.registered = List.copyOf(registered);
	}

	public String getListenerName() {
		return this.listenerName;
	}

	public UdsAddress getAddress() {
		return this.address;
	}

	public String getServiceName() {
		return this.serviceName;
	}

	public List<String> getRegistered() {
		return this.registered;
	}

}
