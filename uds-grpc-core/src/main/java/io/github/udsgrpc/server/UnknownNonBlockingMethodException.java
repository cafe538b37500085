package io.github.udsgrpc.server;

import java.util.List;

/**
 * A non-blocking method named that no service of the server has (a typo would otherwise leave the method on the
 * executor, silently).
 */
public class UnknownNonBlockingMethodException extends IllegalStateException {

	private final String name;

	private final List<String> methods;

	UnknownNonBlockingMethodException(String name, List<String> methods) {
		super("Non-blocking method '" + name + "' matches no method of the socket server's services; their methods: "
				+ methods);
		this.name = name;
		this.methods = List.copyOf(methods);
	}

	/**
	 * The name as it was given.
	 * @return {@code package.Service/Method} or {@code package.Service/*}
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * The methods the server's services have.
	 * @return their full names, {@code package.Service/Method}
	 */
	public List<String> getMethods() {
		return this.methods;
	}

}
