package io.github.udsgrpc.autoconfigure.server;

import java.util.function.Consumer;

import io.grpc.netty.NettyServerBuilder;

/**
 * Options of one socket listener declared in code, the counterpart of Kestrel's {@code ListenOptions}.
 */
public final class UdsListenerOptions {

	private String name;

	private Consumer<NettyServerBuilder> serverCustomizer = (builder) -> {
	};

	UdsListenerOptions(String defaultName) {
		this.name = defaultName;
	}

	/**
	 * Names the listener in logs and events; defaults to the socket's file name.
	 * @param name a name unique among the application's listeners
	 * @return these options
	 */
	public UdsListenerOptions name(String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("A socket listener's name must not be blank");
		}
		this.name = name;
		return this;
	}

	/**
	 * Customizes this listener's server builder only (message size limits, executor, keep-alive and so on). It
	 * runs after net.devh's properties and every GrpcServerConfigurer bean, so it has the last word.
	 * @param customizer the customization; several calls add up in order
	 * @return these options
	 */
	public UdsListenerOptions customizeServer(Consumer<NettyServerBuilder> customizer) {
		this.serverCustomizer = this.serverCustomizer.andThen(customizer);
		return this;
	}

	String getName() {
		return this.name;
	}

	Consumer<NettyServerBuilder> getServerCustomizer() {
		return this.serverCustomizer;
	}

}
