package io.github.udsgrpc.boot.drain;

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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;

/**
 * A hostile HTTP/2 peer on a Unix socket, written with the JDK's socket channel: it sends whatever frames a test
 * makes it send (header blocks of any size, spread over HEADERS and CONTINUATION frames; DATA frames that declare a
 * huge gRPC message), while it reads and records every frame the server answers with. It behaves as a plain HTTP/2
 * client otherwise: it acknowledges the server's SETTINGS and PINGs and keeps to the flow-control windows the server
 * grants, so that what the server does is its answer to the size, not to a protocol violation.
 *
 * <p>
 * Its header blocks are HPACK "literal header field without indexing" entries with new names and no Huffman coding
 * (RFC 7541, 6.2.2), so their size is exactly what the test asks for; the server's header blocks are decoded with
 * Netty's HPACK decoder.
 */
final class Http2Peer implements AutoCloseable {

	/** The HTTP/2 client connection preface (RFC 9113, 3.4). */
	static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	static final int DATA = 0x0;

	static final int HEADERS = 0x1;

	static final int RST_STREAM = 0x3;

	static final int SETTINGS = 0x4;

	static final int PING = 0x6;

	static final int GOAWAY = 0x7;

	static final int WINDOW_UPDATE = 0x8;

	static final int CONTINUATION = 0x9;

	static final int END_STREAM = 0x1;

	static final int ACK = 0x1;

	static final int END_HEADERS = 0x4;

	/** RFC 9113, 6.5.2. */
	static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;

	static final int SETTINGS_MAX_FRAME_SIZE = 0x5;

	static final int SETTINGS_MAX_HEADER_LIST_SIZE = 0x6;

	/** The overhead HTTP/2 counts per header field in a header list's size (RFC 9113, 6.5.2). */
	static final int HEADER_FIELD_OVERHEAD = 32;

	private static final int FRAME_HEADER_LENGTH = 9;

	private static final int DEFAULT_WINDOW = 65_535;

	private static final String[] ERROR_CODES = { "NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR",
			"FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT", "STREAM_CLOSED", "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL",
			"COMPRESSION_ERROR", "CONNECT_ERROR", "ENHANCE_YOUR_CALM", "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED" };

	private final SocketChannel channel;

	private final Selector selector;

	private ByteBuffer input = ByteBuffer.allocate(64 * 1024);

	private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false, 1024 * 1024);

	private final List<String> received = new ArrayList<>();

	private final Map<Integer, Answer> answers = new HashMap<>();

	private final Map<Integer, Long> streamWindows = new HashMap<>();

	/** Acknowledgements to send, between two of the peer's own frames. */
	private final Deque<byte[]> control = new ArrayDeque<>();

	private long connectionWindow = DEFAULT_WINDOW;

	private long initialStreamWindow = DEFAULT_WINDOW;

	private int maxFrameSize = 16_384;

	private long maxHeaderListSize = -1;

	private ByteArrayOutputStream pendingHeaderBlock;

	private int pendingHeaderStream;

	private boolean pendingHeaderEndStream;

	private boolean settingsReceived;

	private String goAway;

	/** How reading ended: the server closed the connection. */
	private String closed;

	/** Why writing failed, if it did. */
	private String writeFailed;

	private long bytesWritten;

	private Http2Peer(SocketChannel channel, Selector selector) {
		this.channel = channel;
		this.selector = selector;
	}

	/**
	 * Connects to the socket and exchanges the connection preface and SETTINGS.
	 * @param socket the socket path
	 * @param timeout how long to wait for the server's SETTINGS
	 * @return the connected peer
	 * @throws IOException if nothing listens there or the server does not speak HTTP/2 in time
	 */
	static Http2Peer connect(Path socket, Duration timeout) throws IOException {
		SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
		try {
			channel.connect(UnixDomainSocketAddress.of(socket));
			channel.configureBlocking(false);
			Selector selector = Selector.open();
			channel.register(selector, SelectionKey.OP_READ);
			Http2Peer peer = new Http2Peer(channel, selector);
			ByteArrayOutputStream hello = new ByteArrayOutputStream();
			hello.writeBytes(PREFACE);
			hello.writeBytes(frame(SETTINGS, 0, 0, new byte[0]));
			if (!peer.send(hello.toByteArray(), timeout)) {
				throw new IOException("Could not send the connection preface: " + peer.describe());
			}
			if (!peer.pollUntil(() -> peer.settingsReceived, timeout)) {
				throw new IOException("No SETTINGS from the server within " + timeout + ": " + peer.describe());
			}
			return peer;
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	/**
	 * The request headers of a gRPC call, without metadata.
	 * @param method the full method name, such as {@code udsgrpc.test.Echo/Unary}
	 * @return the headers, in order
	 */
	static List<Map.Entry<String, String>> grpcRequestHeaders(String method) {
		List<Map.Entry<String, String>> headers = new ArrayList<>();
		headers.add(Map.entry(":method", "POST"));
		headers.add(Map.entry(":scheme", "http"));
		headers.add(Map.entry(":path", "/" + method));
		headers.add(Map.entry(":authority", "localhost"));
		headers.add(Map.entry("content-type", "application/grpc"));
		headers.add(Map.entry("te", "trailers"));
		return headers;
	}

	/**
	 * The size HTTP/2 counts for a header list: each field's name and value in octets, plus 32.
	 * @param headers the header list
	 * @return its size
	 */
	static long headerListSize(List<Map.Entry<String, String>> headers) {
		long size = 0;
		for (Map.Entry<String, String> header : headers) {
			size += header.getKey().getBytes(StandardCharsets.UTF_8).length
					+ header.getValue().getBytes(StandardCharsets.UTF_8).length + HEADER_FIELD_OVERHEAD;
		}
		return size;
	}

	/**
	 * Encodes a header list as HPACK literal fields without indexing, with new names and no Huffman coding.
	 * @param headers the header list
	 * @return the header block
	 */
	static byte[] headerBlock(List<Map.Entry<String, String>> headers) {
		ByteArrayOutputStream block = new ByteArrayOutputStream();
		for (Map.Entry<String, String> header : headers) {
			block.write(0x00); // literal header field without indexing, new name (RFC 7541, 6.2.2)
			writeString(block, header.getKey());
			writeString(block, header.getValue());
		}
		return block.toByteArray();
	}

	private static void writeString(ByteArrayOutputStream block, String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		writeInteger(block, bytes.length, 7, 0x00); // H = 0: no Huffman coding
		block.writeBytes(bytes);
	}

	/** An HPACK integer with an N-bit prefix (RFC 7541, 5.1). */
	private static void writeInteger(ByteArrayOutputStream block, int value, int prefixBits, int firstByteFlags) {
		int max = (1 << prefixBits) - 1;
		if (value < max) {
			block.write(firstByteFlags | value);
			return;
		}
		block.write(firstByteFlags | max);
		int rest = value - max;
		while (rest >= 128) {
			block.write((rest % 128) + 128);
			rest /= 128;
		}
		block.write(rest);
	}

	/**
	 * Sends a header block on a new stream: one HEADERS frame and as many CONTINUATION frames as the server's
	 * SETTINGS_MAX_FRAME_SIZE requires. It stops when the server closes the connection or stops reading.
	 * @param streamId the stream
	 * @param block the header block
	 * @param endStream whether the HEADERS frame ends the stream
	 * @param timeout how long the server may leave the peer unable to write
	 * @return the octets of the header block that went out (all of them, unless the server stopped it)
	 */
	long sendHeaderBlock(int streamId, byte[] block, boolean endStream, Duration timeout) throws IOException {
		this.streamWindows.putIfAbsent(streamId, this.initialStreamWindow);
		int offset = 0;
		boolean first = true;
		do {
			int length = Math.min(this.maxFrameSize, block.length - offset);
			boolean last = offset + length == block.length;
			int flags = (last ? END_HEADERS : 0) | ((first && endStream) ? END_STREAM : 0);
			byte[] fragment = new byte[length];
			System.arraycopy(block, offset, fragment, 0, length);
			if (!send(frame(first ? HEADERS : CONTINUATION, flags, streamId, fragment), timeout)) {
				return offset;
			}
			offset += length;
			first = false;
		}
		while (offset < block.length);
		return offset;
	}

	/**
	 * Sends a DATA frame once the flow-control windows allow it, waiting for the server's WINDOW_UPDATE frames. On
	 * a stream the server has reset, only the connection's window counts (a closed stream has no window of its own:
	 * the server still accounts for what arrives on it in the connection's); a stream the server has only ended
	 * with END_STREAM is half-closed, and its own window still counts.
	 * @param streamId the stream
	 * @param payload the frame's payload (at most SETTINGS_MAX_FRAME_SIZE octets)
	 * @param windowWait how long to wait for the windows to open, and for the server to read
	 * @return whether the frame went out; false if the windows stayed shut or the connection closed
	 */
	boolean sendData(int streamId, byte[] payload, Duration windowWait) throws IOException {
		if (!pollUntil(() -> this.closed != null || this.writeFailed != null || window(streamId) >= payload.length,
				windowWait) || this.closed != null || this.writeFailed != null) {
			return false;
		}
		this.connectionWindow -= payload.length;
		this.streamWindows.merge(streamId, (long) -payload.length, Long::sum);
		return send(frame(DATA, 0, streamId, payload), windowWait);
	}

	private long window(int streamId) {
		if (answer(streamId).reset != null) {
			return this.connectionWindow;
		}
		return Math.min(this.connectionWindow, this.streamWindows.getOrDefault(streamId, this.initialStreamWindow));
	}

	/**
	 * Reads what the server sends for a while, or until a stream has ended or the connection has.
	 * @param streamId the stream
	 * @param timeout how long at most
	 * @return whether the stream or the connection ended (a GOAWAY counts)
	 */
	boolean awaitEnd(int streamId, Duration timeout) throws IOException {
		return pollUntil(() -> answer(streamId).ended() || this.goAway != null || this.closed != null, timeout);
	}

	/**
	 * Reads what the server sends until a condition holds or the timeout passes.
	 * @param condition the condition, checked after every read
	 * @param timeout how long at most
	 * @return whether the condition held
	 */
	boolean pollUntil(BooleanSupplier condition, Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			readAvailable();
			flushControl(timeout);
			if (condition.getAsBoolean()) {
				return true;
			}
			long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
			if (remainingMillis <= 0 || this.closed != null) {
				return condition.getAsBoolean();
			}
			this.selector.select(Math.min(remainingMillis, 50));
			this.selector.selectedKeys().clear();
		}
	}

	/**
	 * Sends the acknowledgements due, then the bytes (whole frames).
	 * @return false if the connection was closed, or the server read nothing for the timeout
	 */
	private boolean send(byte[] bytes, Duration timeout) throws IOException {
		return flushControl(timeout) && write(bytes, timeout);
	}

	private boolean flushControl(Duration timeout) throws IOException {
		while (!this.control.isEmpty()) {
			if (!write(this.control.poll(), timeout)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Writes all the bytes, reading (never writing) the server's frames while the socket is full, so that no frame
	 * goes out in the middle of another.
	 * @return false if the connection was closed, or the server read nothing for the timeout
	 */
	private boolean write(byte[] bytes, Duration timeout) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (buffer.hasRemaining()) {
			if (this.closed != null || this.writeFailed != null) {
				return false;
			}
			int written;
			try {
				written = this.channel.write(buffer);
			}
			catch (IOException ex) {
				this.writeFailed = ex.getMessage();
				return false;
			}
			this.bytesWritten += written;
			if (written > 0) {
				deadline = System.nanoTime() + timeout.toNanos();
				continue;
			}
			readAvailable();
			if (System.nanoTime() - deadline >= 0) {
				return false;
			}
			SelectionKey key = this.channel.keyFor(this.selector);
			key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
			this.selector.select(50);
			this.selector.selectedKeys().clear();
			key.interestOps(SelectionKey.OP_READ);
		}
		return true;
	}

	private void readAvailable() throws IOException {
		while (this.closed == null) {
			if (!this.input.hasRemaining()) {
				ByteBuffer larger = ByteBuffer.allocate(this.input.capacity() * 2);
				this.input.flip();
				larger.put(this.input);
				this.input = larger;
			}
			int read;
			try {
				read = this.channel.read(this.input);
			}
			catch (IOException ex) {
				this.closed = "reset: " + ex.getMessage();
				break;
			}
			if (read < 0) {
				this.closed = "closed by the server (EOF)";
				break;
			}
			if (read == 0) {
				break;
			}
		}
		parseFrames();
	}

	private void parseFrames() throws IOException {
		this.input.flip();
		while (this.input.remaining() >= FRAME_HEADER_LENGTH) {
			int start = this.input.position();
			int length = ((this.input.get(start) & 0xff) << 16) | ((this.input.get(start + 1) & 0xff) << 8)
					| (this.input.get(start + 2) & 0xff);
			if (this.input.remaining() < FRAME_HEADER_LENGTH + length) {
				break;
			}
			int type = this.input.get(start + 3) & 0xff;
			int flags = this.input.get(start + 4) & 0xff;
			int streamId = this.input.getInt(start + 5) & 0x7fff_ffff;
			byte[] payload = new byte[length];
			this.input.position(start + FRAME_HEADER_LENGTH);
			this.input.get(payload);
			onFrame(type, flags, streamId, payload);
		}
		this.input.compact();
	}

	/** Records a frame of the server's; writes nothing (acknowledgements are queued). */
	private void onFrame(int type, int flags, int streamId, byte[] payload) throws IOException {
		ByteBuffer data = ByteBuffer.wrap(payload);
		switch (type) {
			case SETTINGS -> {
				if ((flags & ACK) != 0) {
					this.received.add("SETTINGS(ack)");
					return;
				}
				Map<Integer, Long> settings = new LinkedHashMap<>();
				while (data.remaining() >= 6) {
					settings.put(data.getShort() & 0xffff, data.getInt() & 0xffff_ffffL);
				}
				Long window = settings.get(SETTINGS_INITIAL_WINDOW_SIZE);
				if (window != null) {
					long delta = window - this.initialStreamWindow;
					this.streamWindows.replaceAll((id, value) -> value + delta);
					this.initialStreamWindow = window;
				}
				this.maxFrameSize = settings.getOrDefault(SETTINGS_MAX_FRAME_SIZE, (long) this.maxFrameSize).intValue();
				this.maxHeaderListSize = settings.getOrDefault(SETTINGS_MAX_HEADER_LIST_SIZE, this.maxHeaderListSize);
				this.received.add("SETTINGS" + settings);
				this.settingsReceived = true;
				this.control.add(frame(SETTINGS, ACK, 0, new byte[0]));
			}
			case WINDOW_UPDATE -> {
				long increment = data.getInt() & 0x7fff_ffffL;
				if (streamId == 0) {
					this.connectionWindow += increment;
				}
				else {
					this.streamWindows.merge(streamId, increment, Long::sum);
				}
			}
			case PING -> {
				if ((flags & ACK) == 0) {
					this.control.add(frame(PING, ACK, 0, payload));
				}
			}
			case HEADERS -> {
				this.pendingHeaderBlock = new ByteArrayOutputStream();
				this.pendingHeaderStream = streamId;
				this.pendingHeaderEndStream = (flags & END_STREAM) != 0;
				int offset = 0;
				int padding = 0;
				if ((flags & 0x8) != 0) { // PADDED
					padding = payload[0] & 0xff;
					offset = 1;
				}
				if ((flags & 0x20) != 0) { // PRIORITY
					offset += 5;
				}
				this.pendingHeaderBlock.write(payload, offset, payload.length - offset - padding);
				if ((flags & END_HEADERS) != 0) {
					headersComplete();
				}
			}
			case CONTINUATION -> {
				this.pendingHeaderBlock.writeBytes(payload);
				if ((flags & END_HEADERS) != 0) {
					headersComplete();
				}
			}
			case RST_STREAM -> {
				String code = errorCode(data.getInt() & 0xffff_ffffL);
				answer(streamId).reset = code;
				this.received.add("RST_STREAM(" + streamId + ", " + code + ")");
			}
			case GOAWAY -> {
				int lastStreamId = data.getInt() & 0x7fff_ffff;
				String code = errorCode(data.getInt() & 0xffff_ffffL);
				String debug = new String(payload, 8, payload.length - 8, StandardCharsets.UTF_8);
				this.goAway = "GOAWAY(last stream " + lastStreamId + ", " + code
						+ (debug.isEmpty() ? "" : ", \"" + debug + "\"") + ")";
				this.received.add(this.goAway);
			}
			case DATA -> {
				answer(streamId).dataOctets += payload.length;
				if ((flags & END_STREAM) != 0) {
					answer(streamId).endStream = true;
				}
				this.received.add("DATA(" + streamId + ", " + payload.length + " octets"
						+ (((flags & END_STREAM) != 0) ? ", END_STREAM" : "") + ")");
			}
			default -> this.received.add("frame type " + type + " on stream " + streamId);
		}
	}

	private void headersComplete() throws IOException {
		Answer answer = answer(this.pendingHeaderStream);
		Map<String, String> headers = new LinkedHashMap<>();
		ByteBuf block = Unpooled.wrappedBuffer(this.pendingHeaderBlock.toByteArray());
		try {
			Http2Headers decoded = this.decoder.decodeHeaders(this.pendingHeaderStream, block);
			decoded.forEach((header) -> headers.put(header.getKey().toString(), header.getValue().toString()));
		}
		catch (Http2Exception ex) {
			throw new IOException("Could not decode the server's headers", ex);
		}
		finally {
			block.release();
		}
		answer.headers.putAll(headers);
		if (this.pendingHeaderEndStream) {
			answer.endStream = true;
		}
		this.received.add("HEADERS(" + this.pendingHeaderStream + ", " + headers
				+ (this.pendingHeaderEndStream ? ", END_STREAM" : "") + ")");
		this.pendingHeaderBlock = null;
	}

	private static String errorCode(long code) {
		return (code < ERROR_CODES.length) ? ERROR_CODES[(int) code] : "0x" + Long.toHexString(code);
	}

	private static byte[] frame(int type, int flags, int streamId, byte[] payload) {
		ByteBuffer frame = ByteBuffer.allocate(FRAME_HEADER_LENGTH + payload.length);
		frame.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length);
		frame.put((byte) type).put((byte) flags).putInt(streamId & 0x7fff_ffff).put(payload);
		return frame.array();
	}

	/**
	 * What the server answered on a stream so far.
	 * @param streamId the stream
	 * @return its answer
	 */
	Answer answer(int streamId) {
		return this.answers.computeIfAbsent(streamId, (id) -> new Answer());
	}

	/** The server's GOAWAY frame, described, or null if none came. */
	String goAway() {
		return this.goAway;
	}

	/**
	 * How the server closed the connection (what reading found), or null if it is open. After a failed write, the
	 * server's last frames can still be read.
	 */
	String closed() {
		return this.closed;
	}

	/** Why writing failed (such as a broken pipe: the server closed the connection), or null. */
	String writeFailed() {
		return this.writeFailed;
	}

	/** The server's SETTINGS_MAX_HEADER_LIST_SIZE, or -1 if it sent none. */
	long maxHeaderListSize() {
		return this.maxHeaderListSize;
	}

	/** The octets written to the socket so far. */
	long bytesWritten() {
		return this.bytesWritten;
	}

	/**
	 * Every frame the server sent (but WINDOW_UPDATE and PING), and how the connection ended, for messages.
	 * @return the description
	 */
	String describe() {
		List<String> runs = new ArrayList<>();
		String previous = null;
		int repeated = 0;
		for (String frame : this.received) {
			if (frame.equals(previous)) {
				repeated++;
				continue;
			}
			if (previous != null) {
				runs.add(previous + ((repeated > 1) ? " x" + repeated : ""));
			}
			previous = frame;
			repeated = 1;
		}
		if (previous != null) {
			runs.add(previous + ((repeated > 1) ? " x" + repeated : ""));
		}
		return String.join(", ", runs) + ((this.writeFailed != null) ? "; writing failed: " + this.writeFailed : "")
				+ ((this.closed != null) ? "; connection " + this.closed : "");
	}

	@Override
	public void close() throws IOException {
		try {
			this.selector.close();
		}
		finally {
			this.channel.close();
		}
	}

	/**
	 * What the server answered on one stream: its header blocks (response headers and trailers merged), whether it
	 * ended the stream, and the RST_STREAM error code.
	 */
	static final class Answer {

		final Map<String, String> headers = new LinkedHashMap<>();

		boolean endStream;

		String reset;

		long dataOctets;

		/** Whether the server ended the stream, with END_STREAM or RST_STREAM. */
		boolean ended() {
			return this.endStream || this.reset != null;
		}

		/** The HTTP status, or null if none came. */
		String httpStatus() {
			return this.headers.get(":status");
		}

		/** The gRPC status code, or null if none came. */
		String grpcStatus() {
			return this.headers.get("grpc-status");
		}

	}

}
