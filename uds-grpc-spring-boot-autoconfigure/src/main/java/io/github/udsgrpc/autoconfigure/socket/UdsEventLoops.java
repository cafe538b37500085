package io.github.udsgrpc.autoconfigure.socket;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * The one event loop group that all socket servers and socket client channels of an application context share,
 * owned here and shut down with the context.
 *
 * <p>
 * net.devh makes a new group per socket server and per socket channel and never shuts them down, so every
 * context leaves threads behind. The group is created on first use: an application that never opens a socket
 * starts no thread and does not need a native transport.
 */
public class UdsEventLoops implements DisposableBean {

	private static final Log logger = LogFactory.getLog(UdsEventLoops.class);

	private static final long SHUTDOWN_TIMEOUT_SECONDS = 10;

	private final int threads;

	private NativeTransport transport;

	private EventLoopGroup group;

	private boolean destroyed;

	private final List<Thread> threadsMade = new CopyOnWriteArrayList<>();

	private final ThreadFactory threadFactory = new TrackingThreadFactory(this.threadsMade);

	/**
	 * Creates the holder; nothing is started until {@link #group()} is first called.
	 * @param threads the number of event loop threads, 0 for Netty's default
	 */
	public UdsEventLoops(int threads) {
		if (threads < 0) {
			throw new IllegalArgumentException("grpc.uds.event-loop-threads must be 0 or more, was " + threads);
		}
		this.threads = threads;
	}

	/**
	 * The native transport in use, detected on first call.
	 * @return the transport
	 * @throws NativeTransportUnavailableException if this platform has none
	 */
	public synchronized NativeTransport transport() {
		if (this.transport == null) {
			this.transport = NativeTransport.detect();
		}
		return this.transport;
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

	@Override
	public void destroy() {
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
				logger.warn("Unix domain socket event loops did not terminate within " + SHUTDOWN_TIMEOUT_SECONDS
						+ " seconds");
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
