package io.github.udsgrpc.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ServerChannel;

/**
 * Stands on a listener's listening channel, ahead of Netty's acceptor, and decides about every accepted connection
 * before grpc-java sees it: one beyond the listener's {@link ConnectionLimits#maxConnections() limit} is closed at
 * once (no HTTP/2, no transport), counted, and logged at most once per {@value #REFUSAL_SUMMARY_SECONDS} s.
 *
 * <p>
 * It also takes failed {@code accept}s, which Netty reports here: when the process is out of file descriptors
 * ({@code EMFILE}), the pending connection stays in the kernel's backlog, and a level-triggered event loop would
 * try again at once, for ever. Accepting pauses instead ({@value #FIRST_PAUSE_MILLIS} ms, doubling up to
 * {@value #LONGEST_PAUSE_MILLIS} ms) while the connections already open are served; the failure is logged once,
 * and the recovery once, at the next accepted connection. Netty's own acceptor would pause a second per failure but
 * log every one.
 *
 * <p>
 * Everything but the counters runs on the listening channel's event loop.
 */
final class ConnectionAdmission extends ChannelInboundHandlerAdapter {

	private static final System.Logger logger = System.getLogger(ConnectionAdmission.class.getName());

	static final long FIRST_PAUSE_MILLIS = 50;

	static final long LONGEST_PAUSE_MILLIS = 1000;

	static final long REFUSAL_SUMMARY_SECONDS = 15;

	private final UdsListener listener;

	private final int maxConnections;

	private final long descriptorLimit = descriptorLimit();

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicLong refused = new AtomicLong();

	private final AtomicLong acceptFailures = new AtomicLong();

	private final ChannelFutureListener closed = (future) -> this.open.decrementAndGet();

	private boolean refusalWindowOpen;

	private long refusedInWindow;

	private boolean acceptFailing;

	private long pauseMillis;

	private long failingSinceNanos;

	private long failuresInEpisode;

	ConnectionAdmission(UdsListener listener) {
		this.listener = listener;
		this.maxConnections = listener.limits().maxConnections();
	}

	/**
	 * Puts this admission on a listening channel, before the acceptor that the server bootstrap adds when it
	 * registers the channel.
	 * @param <C> the channel's type
	 * @param channel a new listening channel
	 * @return the channel
	 */
	<C extends ServerChannel> C install(C channel) {
		channel.pipeline().addFirst("uds-grpc-admission", this);
		return channel;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (!(msg instanceof Channel connection)) {
			ctx.fireChannelRead(msg);
			return;
		}
		if (this.acceptFailing) {
			acceptingAgain();
		}
		// Only this event loop adds to the count, so it never goes past the limit.
		if (this.open.get() >= this.maxConnections) {
			connection.unsafe().closeForcibly();
			this.refused.incrementAndGet();
			refusedOne(ctx);
			return;
		}
		this.open.incrementAndGet();
		connection.closeFuture().addListener(this.closed);
		ctx.fireChannelRead(connection);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (!(cause instanceof IOException)) {
			ctx.fireExceptionCaught(cause);
			return;
		}
		// The one thing a listening channel reads is a connection: this is a failed accept.
		this.acceptFailures.incrementAndGet();
		this.failuresInEpisode++;
		if (!this.acceptFailing) {
			this.acceptFailing = true;
			this.failingSinceNanos = System.nanoTime();
			this.pauseMillis = FIRST_PAUSE_MILLIS;
			logger.log(Level.WARNING, describe() + " cannot accept connections: " + cause.getMessage()
					+ ((this.descriptorLimit > 0) ? " (this process may open " + this.descriptorLimit + " files)" : "")
					+ ". The connections already open are served; accepting is retried every " + FIRST_PAUSE_MILLIS
					+ " ms to " + LONGEST_PAUSE_MILLIS + " ms until it succeeds, which is logged. Raise the limit "
					+ "(LimitNOFILE=, ulimit -n), or limit the connections (grpc.uds.max-connections).");
		}
		else {
			this.pauseMillis = Math.min(this.pauseMillis * 2, LONGEST_PAUSE_MILLIS);
		}
		Channel listening = ctx.channel();
		listening.config().setAutoRead(false);
		ctx.executor().schedule(() -> {
			listening.config().setAutoRead(true);
		}, this.pauseMillis, TimeUnit.MILLISECONDS);
	}

	private void acceptingAgain() {
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.failingSinceNanos);
		logger.log(Level.INFO, describe() + " accepts connections again, after " + millis + " ms and "
				+ this.failuresInEpisode + " failed attempt(s)");
		this.acceptFailing = false;
		this.failuresInEpisode = 0;
	}

	private void refusedOne(ChannelHandlerContext ctx) {
		if (this.refusalWindowOpen) {
			this.refusedInWindow++;
			return;
		}
		this.refusalWindowOpen = true;
		logger.log(Level.WARNING, describe() + " closed a new connection: " + this.maxConnections
				+ " connections are open, its limit (grpc.uds.max-connections, or maxConnections of a listener in code). "
				+ "Connections already open are not "
				+ "disturbed; further refusals are summed up every " + REFUSAL_SUMMARY_SECONDS + " s.");
		scheduleRefusalSummary(ctx);
	}

	private void scheduleRefusalSummary(ChannelHandlerContext ctx) {
		ctx.executor().schedule(() -> {
			if (this.refusedInWindow == 0) {
				this.refusalWindowOpen = false;
				return;
			}
			logger.log(Level.WARNING, describe() + " closed " + this.refusedInWindow + " more new connection(s) in the "
					+ "last " + REFUSAL_SUMMARY_SECONDS + " s, at its limit of " + this.maxConnections
					+ " connections (" + this.refused.get() + " in all)");
			this.refusedInWindow = 0;
			scheduleRefusalSummary(ctx);
		}, REFUSAL_SUMMARY_SECONDS, TimeUnit.SECONDS);
	}

	private String describe() {
		return "Socket listener '" + this.listener.name() + "' (" + this.listener.address() + ")";
	}

	/**
	 * The connections closed because the listener was at its limit.
	 * @return their number since the listener started
	 */
	long refused() {
		return this.refused.get();
	}

	/**
	 * The failed {@code accept}s.
	 * @return their number since the listener started
	 */
	long acceptFailures() {
		return this.acceptFailures.get();
	}

	private static long descriptorLimit() {
		// Read at startup: when descriptors run out, even reading /proc needs one.
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
			return unix.getMaxFileDescriptorCount();
		}
		return -1;
	}

}
