package io.github.udsgrpc.autoconfigure.server;

import java.util.function.Consumer;

import io.github.udsgrpc.autoconfigure.socket.FileModes;
import io.github.udsgrpc.autoconfigure.socket.SocketFileSettings;
import io.grpc.netty.NettyServerBuilder;

/**
 * Options of one socket listener declared in code, the counterpart of Kestrel's {@code ListenOptions}.
 */
public final class UdsListenerOptions {

	private String name;

	private Consumer<NettyServerBuilder> serverCustomizer = (builder) -> {
	};

	private SocketFileSettings socketFile;

	private boolean socketFileCustomized;

	UdsListenerOptions(String defaultName, SocketFileSettings defaults) {
		this.name = defaultName;
		this.socketFile = defaults;
	}

	/**
	 * Sets the socket file's permissions; defaults to {@code grpc.uds.file-mode}.
	 * @param mode symbolic ({@code rw-rw----}) or octal ({@code 660})
	 * @return these options
	 */
	public UdsListenerOptions fileMode(String mode) {
		this.socketFile = this.socketFile.withFileMode(FileModes.parse("file mode of listener '" + this.name + "'", mode));
		this.socketFileCustomized = true;
		return this;
	}

	/**
	 * Sets the socket file's group; defaults to {@code grpc.uds.group}.
	 * @param group a group this process is a member of, or {@code null} for the process's own
	 * @return these options
	 */
	public UdsListenerOptions group(String group) {
		this.socketFile = this.socketFile.withGroup(group);
		this.socketFileCustomized = true;
		return this;
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

	boolean isSocketFileCustomized() {
		return this.socketFileCustomized;
	}

	SocketFileSettings getSocketFile() {
		return this.socketFile;
	}

	Consumer<NettyServerBuilder> getServerCustomizer() {
		return this.serverCustomizer;
	}

}
