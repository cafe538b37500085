package io.github.udsgrpc.boot.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A peer that is not a gRPC client: a plain JDK socket channel to the socket, which writes whatever it is told.
 */
final class RawPeer implements AutoCloseable {

	/** The HTTP/2 client connection preface (RFC 9113, 3.4). */
	static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	/** An empty SETTINGS frame: length 0, type 0x4, no flags, stream 0. */
	static final byte[] EMPTY_SETTINGS = { 0, 0, 0, 0x4, 0, 0, 0, 0, 0 };

	/** HTTP/2 frame type of GOAWAY. */
	static final int GOAWAY = 0x7;

	private final SocketChannel channel;

	private RawPeer(SocketChannel channel) {
		this.channel = channel;
	}

	/**
	 * Connects (blocking until the kernel has queued the connection on the listener).
	 * @param socket the socket path
	 * @return the connected peer
	 */
	static RawPeer connect(Path socket) throws IOException {
		SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
		try {
			channel.connect(UnixDomainSocketAddress.of(socket));
			return new RawPeer(channel);
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
	}

	/**
	 * Writes the bytes, blocking.
	 * @param bytes what to write
	 * @return null if all was written, or the error that stopped the write (the server closed the connection)
	 */
	IOException write(byte[] bytes) {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		try {
			while (buffer.hasRemaining()) {
				this.channel.write(buffer);
			}
			return null;
		}
		catch (IOException ex) {
			return ex;
		}
	}

	/**
	 * Reads until the server closes the connection or the timeout passes.
	 * @param timeout how long at most
	 * @return what was read and how reading ended
	 */
	Received readUntilClosed(Duration timeout) throws IOException {
		return read(timeout, Integer.MAX_VALUE);
	}

	/**
	 * Reads until this many bytes arrived, the server closes the connection, or the timeout passes.
	 * @param timeout how long at most
	 * @param enough the number of bytes after which to stop
	 * @return what was read and how reading ended ({@link Ending#STILL_OPEN} if the connection is still open)
	 */
	Received read(Duration timeout, int enough) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		long deadline = System.nanoTime() + timeout.toNanos();
		this.channel.configureBlocking(false);
		try (Selector selector = Selector.open()) {
			this.channel.register(selector, SelectionKey.OP_READ);
			ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
			while (true) {
				long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
				if (remainingMillis <= 0 || bytes.size() >= enough) {
					return new Received(bytes.toByteArray(), Ending.STILL_OPEN, null);
				}
				selector.select(remainingMillis);
				selector.selectedKeys().clear();
				int read;
				try {
					read = this.channel.read(buffer);
				}
				catch (IOException ex) {
					// ECONNRESET: the server closed with our bytes still unread in its receive queue.
					return new Received(bytes.toByteArray(), Ending.RESET, ex);
				}
				if (read < 0) {
					return new Received(bytes.toByteArray(), Ending.EOF, null);
				}
				bytes.write(buffer.array(), 0, buffer.position());
				buffer.clear();
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

	enum Ending {

		/** The server closed the connection in order. */
		EOF,

		/** The server closed the connection with unread data: reset. */
		RESET,

		/** Nothing closed the connection before the timeout. */
		STILL_OPEN

	}

	/**
	 * What a raw peer read from the server.
	 *
	 * @param bytes the bytes
	 * @param ending how reading ended
	 * @param error the read error, for {@link Ending#RESET}
	 */
	record Received(byte[] bytes, Ending ending, IOException error) {

		boolean closedByServer() {
			return this.ending != Ending.STILL_OPEN;
		}

		/** The types of the complete HTTP/2 frames read, in order. */
		List<Integer> frameTypes() {
			List<Integer> types = new ArrayList<>();
			int offset = 0;
			while (offset + 9 <= this.bytes.length) {
				int length = ((this.bytes[offset] & 0xff) << 16) | ((this.bytes[offset + 1] & 0xff) << 8)
						| (this.bytes[offset + 2] & 0xff);
				types.add(this.bytes[offset + 3] & 0xff);
				offset += 9 + length;
			}
			return types;
		}

		/** The error code of the first GOAWAY frame read, or -1 if none was read. */
		long goAwayErrorCode() {
			int offset = 0;
			while (offset + 9 <= this.bytes.length) {
				int length = ((this.bytes[offset] & 0xff) << 16) | ((this.bytes[offset + 1] & 0xff) << 8)
						| (this.bytes[offset + 2] & 0xff);
				int type = this.bytes[offset + 3] & 0xff;
				if (type == GOAWAY && length >= 8 && offset + 9 + 8 <= this.bytes.length) {
					return ByteBuffer.wrap(this.bytes, offset + 9 + 4, 4).getInt() & 0xffffffffL;
				}
				offset += 9 + length;
			}
			return -1;
		}

		/** The debug data of the first GOAWAY frame, as text. */
		String goAwayDebugData() {
			int offset = 0;
			while (offset + 9 <= this.bytes.length) {
				int length = ((this.bytes[offset] & 0xff) << 16) | ((this.bytes[offset + 1] & 0xff) << 8)
						| (this.bytes[offset + 2] & 0xff);
				int type = this.bytes[offset + 3] & 0xff;
				if (type == GOAWAY && length >= 8 && offset + 9 + length <= this.bytes.length) {
					return new String(this.bytes, offset + 9 + 8, length - 8, StandardCharsets.UTF_8);
				}
				offset += 9 + length;
			}
			return "";
		}

	}

}
