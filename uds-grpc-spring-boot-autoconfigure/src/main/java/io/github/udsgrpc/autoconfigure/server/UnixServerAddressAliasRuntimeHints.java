package io.github.udsgrpc.autoconfigure.server;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * The classes {@link UnixServerAddressAlias} looks for by name to tell whether the socket server can run: in a GraalVM
 * native image, a class can be looked up by name only if it is registered for reflection.
 */
class UnixServerAddressAliasRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		UnixServerAddressAlias.SOCKET_SERVER_CLASSES
			.forEach((name) -> hints.reflection().registerType(TypeReference.of(name)));
	}

}
