package io.github.udsgrpc.testsupport;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP/2 on a Unix socket with the JDK alone (no Netty, no gRPC), for tests that look at what a gRPC server or
 * client really puts on the wire: the connection preface and frames of RFC 9113. Every read is bounded: it fails
 * with an {@link IOException} when the timeout passes first.
 */
public final class RawHttp2 {

	/** The client connection preface (RFC 9113, 3.4). */
	public static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	/** An empty SETTINGS frame: length 0, type 0x4, no flags, stream 0. */
	public static final byte[] EMPTY_SETTINGS = { 0, 0, 0, 0x4, 0, 0, 0, 0, 0 };

	/** The frame type of SETTINGS. */
	public static final int SETTINGS = 0x4;

	/** The flag of a SETTINGS frame that acknowledges the peer's. */
	public static final int ACK = 0x1;

	/** The identifier of SETTINGS_INITIAL_WINDOW_SIZE. */
	public static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;

	private static final int FRAME_HEADER_LENGTH = 9;

	private RawHttp2() {
	}

	/**
	 * Connects to a socket file, non-blocking from then on (reads here wait with a selector).
	 * @param socket the socket's path
	 * @return the connected channel
	 * @throws IOException if nothing listens there
	 */
	public static SocketChannel connect(Path socket) throws IOException {
		SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
		try {
			channel.connect(UnixDomainSocketAddress.of(socket));
			channel.configureBlocking(false);
			return channel;
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
	}

	/**
	 * A listening socket standing in for a gRPC server: it speaks only when a test makes it.
	 * @param socket the path to bind
	 * @return the listening channel, non-blocking
	 * @throws IOException if it cannot be bound
	 */
	public static ServerSocketChannel listen(Path socket) throws IOException {
		ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		try {
			server.bind(UnixDomainSocketAddress.of(socket));
			server.configureBlocking(false);
			return server;
		}
		catch (IOException ex) {
			server.close();
			throw ex;
		}
	}

	/**
	 * Accepts the next connection.
	 * @param server a channel from {@link #listen(Path)}
	 * @param timeout how long to wait at most
	 * @return the connection, non-blocking
	 * @throws IOException if no client connected in time
	 */
	public static SocketChannel accept(ServerSocketChannel server, Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		try (Selector selector = Selector.open()) {
			server.register(selector, SelectionKey.OP_ACCEPT);
			while (true) {
				SocketChannel accepted = server.accept();
				if (accepted != null) {
					accepted.configureBlocking(false);
					return accepted;
				}
				long remainingMillis = remainingMillis(deadline);
				if (remainingMillis <= 0) {
					throw new IOException("No client connected within " + timeout);
				}
				selector.select(remainingMillis);
				selector.selectedKeys().clear();
			}
		}
	}

	/**
	 * Writes the bytes.
	 * @param channel the connection
	 * @param bytes what to write
	 * @throws IOException if the peer closed the connection
	 */
	public static void write(SocketChannel channel, byte[] bytes) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		try (Selector selector = Selector.open()) {
			channel.register(selector, SelectionKey.OP_WRITE);
			while (buffer.hasRemaining()) {
				if (channel.write(buffer) == 0) {
					selector.select(100);
					selector.selectedKeys().clear();
				}
			}
		}
	}

	/**
	 * Reads exactly this many bytes.
	 * @param channel the connection
	 * @param length the number of bytes
	 * @param timeout how long to wait at most
	 * @return the bytes
	 * @throws IOException if the peer closed the connection or the timeout passed first
	 */
	public static byte[] read(SocketChannel channel, int length, Duration timeout) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(length);
		long deadline = System.nanoTime() + timeout.toNanos();
		try (Selector selector = Selector.open()) {
			channel.register(selector, SelectionKey.OP_READ);
			while (buffer.hasRemaining()) {
				if (channel.read(buffer) < 0) {
					throw new EOFException("The peer closed the connection after " + buffer.position() + " of "
							+ length + " bytes");
				}
				if (!buffer.hasRemaining()) {
					break;
				}
				long remainingMillis = remainingMillis(deadline);
				if (remainingMillis <= 0) {
					throw new IOException("Read " + buffer.position() + " of " + length + " bytes within " + timeout);
				}
				selector.select(remainingMillis);
				selector.selectedKeys().clear();
			}
		}
		return buffer.array();
	}

	/**
	 * Reads the next frame.
	 * @param channel the connection
	 * @param timeout how long to wait at most
	 * @return the frame
	 * @throws IOException if the peer closed the connection or the timeout passed first
	 */
	public static Frame readFrame(SocketChannel channel, Duration timeout) throws IOException {
		byte[] header = read(channel, FRAME_HEADER_LENGTH, timeout);
		int length = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
		int streamId = ByteBuffer.wrap(header, 5, 4).getInt() & 0x7fff_ffff;
		byte[] payload = (length > 0) ? read(channel, length, timeout) : new byte[0];
		return new Frame(header[3] & 0xff, header[4] & 0xff, streamId, payload);
	}

	/**
	 * Reads frames until the peer's own SETTINGS (not an acknowledgement of ours).
	 * @param channel the connection
	 * @param timeout how long to wait at most for each frame
	 * @return the settings frame
	 * @throws IOException if the peer closed the connection or the timeout passed first
	 */
	public static Frame readSettings(SocketChannel channel, Duration timeout) throws IOException {
		while (true) {
			Frame frame = readFrame(channel, timeout);
			if (frame.type() == SETTINGS && (frame.flags() & ACK) == 0) {
				return frame;
			}
		}
	}

	private static long remainingMillis(long deadline) {
		long remainingNanos = deadline - System.nanoTime();
		return (remainingNanos <= 0) ? 0 : Math.max(1, remainingNanos / 1_000_000);
	}

	/**
	 * One HTTP/2 frame.
	 *
	 * @param type the frame type
	 * @param flags its flags
	 * @param streamId its stream
	 * @param payload what follows the 9-byte header
	 */
	public record Frame(int type, int flags, int streamId, byte[] payload) {

		/**
		 * The parameters of a SETTINGS frame, in the order sent.
		 * @return each identifier with its value
		 * @throws IllegalStateException if this is not a SETTINGS frame
		 */
		public Map<Integer, Long> settings() {
			if (this.type != SETTINGS) {
				throw new IllegalStateException("Frame of type " + this.type + " is not a SETTINGS frame");
			}
			Map<Integer, Long> settings = new LinkedHashMap<>();
			ByteBuffer parameters = ByteBuffer.wrap(this.payload);
			while (parameters.remaining() >= 6) {
				int identifier = parameters.getShort() & 0xffff;
				settings.put(identifier, parameters.getInt() & 0xffff_ffffL);
			}
			return settings;
		}

		@Override
		public String toString() {
			return "Frame[type=" + this.type + ", flags=" + this.flags + ", streamId=" + this.streamId + ", payload="
					+ Arrays.toString(this.payload) + "]";
		}

	}

}
