package io.github.udsgrpc.socket;

import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;

/**
 * Settings that socket servers and socket channels share, applied to either builder by the same code.
 *
 * @param directExecutor whether calls run on the event loop thread that read them (grpc-java's direct executor):
 * one thread hand-off less per call, for services and callers that never block
 * @param flowControlWindow the fixed HTTP/2 flow-control window in bytes, per stream and per connection, or
 * {@link #DEFAULT_WINDOW} to keep grpc-java's (1 MiB, tuned by its bandwidth-delay probe)
 */
public record SocketTuning(boolean directExecutor, int flowControlWindow) {

	/** No fixed window: grpc-java's default. */
	public static final int DEFAULT_WINDOW = -1;

	/** The smallest window HTTP/2 allows: its initial window, 64 KiB less one byte. */
	public static final int MIN_WINDOW = 65_535;

	/** grpc-java's defaults: an executor for calls and the auto-tuned window. */
	public static final SocketTuning DEFAULTS = new SocketTuning(false, DEFAULT_WINDOW);

	/**
	 * Checks the window.
	 * @throws IllegalArgumentException if the window is set and not between {@link #MIN_WINDOW} and 2 GiB - 1
	 */
	public SocketTuning {
		if (flowControlWindow != DEFAULT_WINDOW && flowControlWindow < MIN_WINDOW) {
			throw new IllegalArgumentException("The flow-control window must be between 64KB and 2GB, was "
					+ flowControlWindow + "B");
		}
	}

	/**
	 * A window in bytes, as configuration gives it.
	 * @param bytes the window
	 * @return the window as an {@code int}
	 * @throws IllegalArgumentException if it is not between {@link #MIN_WINDOW} and 2 GiB - 1
	 */
	public static int window(long bytes) {
		if (bytes < MIN_WINDOW || bytes > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("The flow-control window must be between 64KB and 2GB, was " + bytes + "B");
		}
		return (int) bytes;
	}

	/**
	 * These settings with a direct executor on or off.
	 * @param direct whether calls run on the event loop
	 * @return new settings
	 */
	public SocketTuning withDirectExecutor(boolean direct) {
		return new SocketTuning(direct, this.flowControlWindow);
	}

	/**
	 * These settings with a fixed flow-control window.
	 * @param bytes the window, at least {@link #MIN_WINDOW}
	 * @return new settings
	 */
	public SocketTuning withFlowControlWindow(int bytes) {
		return new SocketTuning(this.directExecutor, bytes);
	}

	/**
	 * Applies these settings to a socket server's builder.
	 * @param builder the builder
	 */
	public void applyTo(NettyServerBuilder builder) {
		if (this.directExecutor) {
			builder.directExecutor();
		}
		if (this.flowControlWindow != DEFAULT_WINDOW) {
			builder.flowControlWindow(this.flowControlWindow);
		}
	}

	/**
	 * Applies these settings to a socket channel's builder.
	 * @param builder the builder
	 */
	public void applyTo(NettyChannelBuilder builder) {
		if (this.directExecutor) {
			builder.directExecutor();
		}
		if (this.flowControlWindow != DEFAULT_WINDOW) {
			builder.flowControlWindow(this.flowControlWindow);
		}
	}

}
