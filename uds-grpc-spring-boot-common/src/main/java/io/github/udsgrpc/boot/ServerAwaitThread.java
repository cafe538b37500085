package io.github.udsgrpc.boot;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.Server;

/**
 * The one non-daemon thread that waits for a socket server to terminate. The event loop threads are daemon threads,
 * so, as in net.devh and Spring gRPC, this thread keeps a server-only application running; the lifecycles of both
 * Spring Boot lines start it when the server has started and join it when it has stopped.
 */
public final class ServerAwaitThread {

	private static final AtomicInteger serverCounter = new AtomicInteger();

	private final Thread thread;

	private ServerAwaitThread(Thread thread) {
		this.thread = thread;
	}

	/**
	 * Starts the thread.
	 * @param server the started server
	 * @return the running thread
	 */
	public static ServerAwaitThread start(Server server) {
		Thread thread = new Thread(() -> {
			try {
				server.awaitTermination();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "uds-grpc-server-container-" + serverCounter.getAndIncrement());
		thread.setDaemon(false);
		thread.start();
		return new ServerAwaitThread(thread);
	}

	/**
	 * Waits for the thread to end once the server has terminated, at most five seconds.
	 */
	public void join() {
		try {
			this.thread.join(TimeUnit.SECONDS.toMillis(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
