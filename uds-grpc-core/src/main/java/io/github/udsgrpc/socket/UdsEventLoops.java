package io.github.udsgrpc.socket;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The one event loop group that all socket servers and socket client channels of an application (context) share,
 * owned here and shut down by {@link #close()}, which the Spring Boot starters call when the context closes.
 *
 * <p>
 * net.devh and Spring gRPC make a new group per socket server and per socket channel and never shut them down, so
 * every context leaves threads behind. The group is created on first use: an application that never opens a socket
 * starts no thread and does not need a native transport.
 */
public class UdsEventLoops implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(UdsEventLoops.class.getName());

	private static final Object sharedLock = new Object();

	private static UdsEventLoops shared;

	private static final long SHUTDOWN_TIMEOUT_SECONDS = 10;

	private final int threads;

	private final SocketTransport requested;

	private SocketTransport transport;

	private EventLoopGroup group;

	private final boolean closeable;

	private boolean destroyed;

	private final List<Thread> threadsMade = new CopyOnWriteArrayList<>();

	private final ThreadFactory threadFactory = new TrackingThreadFactory(this.threadsMade);

	/**
	 * Creates the holder; nothing is started until {@link #group()} is first called.
	 * @param threads the number of event loop threads, 0 for Netty's default
	 */
	public UdsEventLoops(int threads) {
		this(threads, null, true);
	}

	/**
	 * Creates the holder on a transport; nothing is started until {@link #group()} is first called.
	 * @param threads the number of event loop threads, 0 for Netty's default
	 * @param transport the transport, or {@code null} for {@code auto} ({@link SocketTransport#detect()})
	 */
	public UdsEventLoops(int threads, SocketTransport transport) {
		this(threads, transport, true);
	}

	private UdsEventLoops(int threads, SocketTransport transport, boolean closeable) {
		this.closeable = closeable;
		if (threads < 0) {
			throw new IllegalArgumentException("The number of event loop threads must be 0 or more, was " + threads);
		}
		this.threads = threads;
		this.requested = transport;
	}

	/**
	 * The group of this JVM that channels made without one of their own use ({@code UdsChannels.forTarget(target)}):
	 * Netty's default number of daemon threads, started on
	 * first use and never closed, as grpc-java's own default groups.
	 * @return the JVM's shared event loops
	 */
	public static UdsEventLoops shared() {
		synchronized (sharedLock) {
			if (shared == null) {
				shared = new UdsEventLoops(0, null, false);
			}
			return shared;
		}
	}

	/**
	 * The transport in use: the one asked for, checked on first call, or the one {@code auto} detects.
	 * @return the transport
	 * @throws SocketTransportUnavailableException if the one asked for cannot be used, or this platform has none
	 */
	public synchronized SocketTransport transport() {
		if (this.transport == null) {
			this.transport = (this.requested != null) ? SocketTransport.require(this.requested)
					: SocketTransport.detect();
		}
		return this.transport;
	}

	/**
	 * The transport asked for when this was made.
	 * @return the transport, or {@code null} for {@code auto}
	 */
	public SocketTransport requestedTransport() {
		return this.requested;
	}

	/**
	 * The shared event loop group, created on first call.
	 * @return the group
	 */
	public synchronized EventLoopGroup group() {
		if (this.destroyed) {
			throw new IllegalStateException("The Unix domain socket event loops were already shut down");
		}
		if (this.group == null) {
			this.group = transport().newEventLoopGroup(this.threads, this.threadFactory);
		}
		return this.group;
	}

	/**
	 * The channel type of a listening socket.
	 * @return the server channel type of the transport
	 */
	public Class<? extends ServerChannel> serverChannelType() {
		return transport().serverChannelType();
	}

	/**
	 * The channel type of a connected socket.
	 * @return the client channel type of the transport
	 */
	public Class<? extends Channel> clientChannelType() {
		return transport().clientChannelType();
	}

	/**
	 * Whether the group has been created.
	 * @return true once a server or channel asked for it
	 */
	public synchronized boolean isStarted() {
		return this.group != null;
	}

	/**
	 * Shuts the group down and waits for its threads to end (at most 10 seconds). Close the servers and channels
	 * that use it first.
	 */
	@Override
	public void close() {
		if (!this.closeable) {
			return; // the JVM's shared group lives as long as the JVM
		}
		EventLoopGroup toShutDown;
		synchronized (this) {
			this.destroyed = true;
			toShutDown = this.group;
			this.group = null;
		}
		if (toShutDown != null) {
			// No quiet period: servers and channels are already closed when the context destroys this bean.
			boolean terminated = toShutDown.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
				.awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS + 1, TimeUnit.SECONDS);
			if (!terminated || !joinThreads()) {
				logger.log(System.Logger.Level.WARNING, "Unix domain socket event loops did not terminate within "
						+ SHUTDOWN_TIMEOUT_SECONDS + " seconds");
			}
		}
	}

	/**
	 * The termination future completes just before the loop threads exit; joining them means no thread of this
	 * context is alive once the context is closed.
	 */
	private boolean joinThreads() {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SHUTDOWN_TIMEOUT_SECONDS);
		for (Thread thread : this.threadsMade) {
			long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			try {
				thread.join(Math.max(1, remainingMillis));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			if (thread.isAlive()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Netty's thread factory (named {@code uds-grpc-N-M}, daemon), remembering the threads it made.
	 */
	private static final class TrackingThreadFactory implements ThreadFactory {

		// Daemon threads: a socket server keeps the JVM alive through its own non-daemon await thread, as
		// net.devh's does, so an event loop never holds a JVM open after a failed start.
		private final ThreadFactory delegate = new DefaultThreadFactory("uds-grpc", true);

		private final List<Thread> threads;

		TrackingThreadFactory(List<Thread> threads) {
			this.threads = threads;
		}

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = this.delegate.newThread(task);
			this.threads.add(thread);
			return thread;
		}

	}

}
