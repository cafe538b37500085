package io.github.udsgrpc.socket;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ThreadFactory;

import io.netty.channel.EventLoopGroup;
import io.netty.util.Version;

/**
 * The one place where Netty 4.1 and 4.2 differ for the core: how an event loop group of a native transport is made.
 * Netty 4.2 builds every group as a {@code MultiThreadIoEventLoopGroup} with the transport's {@code IoHandler}
 * ({@code EpollIoHandler}, {@code KQueueIoHandler}) and deprecates {@code EpollEventLoopGroup} and
 * {@code KQueueEventLoopGroup}; Netty 4.1 has only those. The core is compiled against 4.1, so the 4.2 classes are
 * reached by name when they are present.
 */
final class NettyEventLoops {

	static final String IO_GROUP = "io.netty.channel.MultiThreadIoEventLoopGroup";

	private static final String IO_HANDLER_FACTORY = "io.netty.channel.IoHandlerFactory";

	private NettyEventLoops() {
	}

	/**
	 * Whether this is Netty 4.2 or later, with IoHandler event loops.
	 * @return true when {@code MultiThreadIoEventLoopGroup} is on the class path
	 */
	static boolean ioHandlerLoops() {
		return present(IO_GROUP) && present(IO_HANDLER_FACTORY);
	}

	/**
	 * Creates an event loop group of a transport.
	 * @param ioHandler the transport's IoHandler class on Netty 4.2 ({@code io.netty.channel.epoll.EpollIoHandler})
	 * @param legacy makes the Netty 4.1 group, used when there are no IoHandler event loops
	 * @param threads the number of threads, 0 for Netty's default
	 * @param threadFactory the factory of its threads
	 * @return the group
	 */
	static EventLoopGroup create(String ioHandler, Legacy legacy, int threads, ThreadFactory threadFactory) {
		if (!ioHandlerLoops()) {
			return legacy.create(threads, threadFactory);
		}
		try {
			ClassLoader loader = NettyEventLoops.class.getClassLoader();
			Class<?> factoryType = Class.forName(IO_HANDLER_FACTORY, false, loader);
			Object factory = Class.forName(ioHandler, true, loader).getMethod("newFactory").invoke(null);
			Constructor<?> constructor = Class.forName(IO_GROUP, true, loader)
				.getConstructor(int.class, ThreadFactory.class, factoryType);
			return (EventLoopGroup) constructor.newInstance(threads, threadFactory, factory);
		}
		catch (InvocationTargetException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException("Could not create Netty's " + ioHandler + " event loops", ex.getCause());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Could not create Netty's " + ioHandler + " event loops", ex);
		}
	}

	/**
	 * The version of Netty's transport on the class path, for messages.
	 * @return for example {@code 4.1.135.Final}, or {@code unknown}
	 */
	static String nettyVersion() {
		Version version = Version.identify().get("netty-transport");
		return (version != null) ? version.artifactVersion() : "unknown";
	}

	private static boolean present(String className) {
		try {
			Class.forName(className, false, NettyEventLoops.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/** Makes a Netty 4.1 event loop group. */
	@FunctionalInterface
	interface Legacy {

		EventLoopGroup create(int threads, ThreadFactory threadFactory);

	}

}
