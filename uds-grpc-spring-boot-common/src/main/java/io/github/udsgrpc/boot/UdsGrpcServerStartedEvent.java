package io.github.udsgrpc.boot;

import java.util.List;

import io.github.udsgrpc.server.UdsListener;
import io.grpc.Server;

import org.springframework.context.ApplicationEvent;

/**
 * Published once the gRPC server listens on all its sockets (and its TCP port, if kept), on both Spring Boot lines.
 * The gRPC starter's own {@code GrpcServerStartedEvent} (net.devh's or Spring gRPC's) is published too.
 */
public class UdsGrpcServerStartedEvent extends ApplicationEvent {

	private final transient Server server;

	private final List<UdsListener> listeners;

	private final int tcpPort;

	/**
	 * Creates the event.
	 * @param source the lifecycle that started the server
	 * @param server the started server
	 * @param listeners the sockets it listens on
	 * @param tcpPort the TCP port it listens on as well, or -1
	 */
	public UdsGrpcServerStartedEvent(Object source, Server server, List<UdsListener> listeners, int tcpPort) {
		super(source);
		this.server = server;
		this.listeners = List.copyOf(listeners);
		this.tcpPort = tcpPort;
	}

	/**
	 * The started server.
	 * @return the server
	 */
	public Server getServer() {
		return this.server;
	}

	/**
	 * The sockets the server listens on.
	 * @return the listeners, the one of {@code grpc.uds.path} first
	 */
	public List<UdsListener> getListeners() {
		return this.listeners;
	}

	/**
	 * The TCP port the server also listens on when {@code grpc.uds.keep-tcp=true}.
	 * @return the port, or -1 when no TCP port is open
	 */
	public int getTcpPort() {
		return this.tcpPort;
	}

}
