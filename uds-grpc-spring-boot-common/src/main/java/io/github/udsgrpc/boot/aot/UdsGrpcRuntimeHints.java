package io.github.udsgrpc.boot.aot;

import java.util.List;
import java.util.concurrent.ThreadFactory;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * The reflection and resources that the socket core and the {@code grpc.uds} info contribution use at run time and
 * that a GraalVM native image must be told of, on both Spring Boot lines:
 * <ul>
 * <li>the native transports' classes, which the core probes by name ({@code Class.forName}) to tell whether epoll or
 * kqueue is there;</li>
 * <li>on Netty 4.2, the {@code IoHandler} event loop groups, which the core (compiled against Netty 4.1) makes
 * reflectively: {@code MultiThreadIoEventLoopGroup(int, ThreadFactory, IoHandlerFactory)} and the transports'
 * {@code IoHandler.newFactory()};</li>
 * <li>grpc-java's {@code GrpcUtil.IMPLEMENTATION_VERSION}, read as a field, and Netty's
 * {@code META-INF/io.netty.versions.properties}, which {@code io.netty.util.Version} reads, for the versions the info
 * endpoint shows.</li>
 * </ul>
 * Types are named, not loaded: the hints need none of these classes (kqueue's are not on Linux, the {@code IoHandler}
 * ones not on Netty 4.1), and a native image skips the ones it does not contain.
 */
public class UdsGrpcRuntimeHints implements RuntimeHintsRegistrar {

	private static final List<String> TRANSPORT_PROBE_CLASSES = List.of("io.netty.channel.epoll.Epoll",
			"io.netty.channel.kqueue.KQueue", "io.netty.channel.uring.IoUring",
			"io.netty.channel.socket.nio.NioDomainSocketChannel", "java.net.UnixDomainSocketAddress");

	private static final List<String> IO_HANDLERS = List.of("io.netty.channel.epoll.EpollIoHandler",
			"io.netty.channel.kqueue.KQueueIoHandler", "io.netty.channel.uring.IoUringIoHandler",
			"io.netty.channel.nio.NioIoHandler");

	/** io_uring's channels and methods, which the core (compiled against Netty 4.1) reaches by name. */
	private static final List<String> IO_URING_CHANNELS = List.of("io.netty.channel.uring.IoUringDomainSocketChannel",
			"io.netty.channel.uring.IoUringServerDomainSocketChannel");

	private static final TypeReference IO_EVENT_LOOP_GROUP = TypeReference
		.of("io.netty.channel.MultiThreadIoEventLoopGroup");

	private static final TypeReference IO_HANDLER_FACTORY = TypeReference.of("io.netty.channel.IoHandlerFactory");

	private static final TypeReference GRPC_UTIL = TypeReference.of("io.grpc.internal.GrpcUtil");

	private static final String NETTY_VERSIONS = "META-INF/io.netty.versions.properties";

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		ReflectionHints reflection = hints.reflection();
		TRANSPORT_PROBE_CLASSES.forEach((name) -> reflection.registerType(TypeReference.of(name)));
		reflection.registerType(IO_HANDLER_FACTORY);
		reflection.registerType(IO_EVENT_LOOP_GROUP, (type) -> type.withConstructor(
				List.of(TypeReference.of(int.class), TypeReference.of(ThreadFactory.class), IO_HANDLER_FACTORY),
				ExecutableMode.INVOKE));
		IO_HANDLERS.forEach((name) -> reflection.registerType(TypeReference.of(name),
				(type) -> type.withMethod("newFactory", List.of(), ExecutableMode.INVOKE)));
		reflection.registerType(TypeReference.of("io.netty.channel.uring.IoUring"),
				(type) -> type.withMethod("isAvailable", List.of(), ExecutableMode.INVOKE)
					.withMethod("unavailabilityCause", List.of(), ExecutableMode.INVOKE));
		IO_URING_CHANNELS.forEach((name) -> reflection.registerType(TypeReference.of(name),
				(type) -> type.withConstructor(List.of(), ExecutableMode.INVOKE)
					.withMethod("peerCredentials", List.of(), ExecutableMode.INVOKE)));
		reflection.registerType(GRPC_UTIL, (type) -> type.withField("IMPLEMENTATION_VERSION"));
		hints.resources().registerPattern(NETTY_VERSIONS);
	}

}
