package io.github.udsgrpc.interop;

import io.grpc.Metadata;

/**
 * The metadata keys of orders.proto's GetOrder contract, shared by the server side and the checks of foreign
 * servers.
 */
final class InteropMetadata {

	static final Metadata.Key<String> ECHO = Metadata.Key.of("x-interop-echo", Metadata.ASCII_STRING_MARSHALLER);

	static final Metadata.Key<byte[]> ECHO_BIN = Metadata.Key.of("x-interop-echo-bin",
			Metadata.BINARY_BYTE_MARSHALLER);

	static final Metadata.Key<String> TRAILER = Metadata.Key.of("x-interop-trailer",
			Metadata.ASCII_STRING_MARSHALLER);

	private InteropMetadata() {
	}

}
