package io.github.udsgrpc.benchmarks.transport;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.grpc.Channel;

/**
 * No gRPC: a ping-pong of {@link Payloads#TINY_SIZE} bytes over the JDK's blocking Unix socket channels, one server
 * thread per connection echoing what it reads, the client writing then reading. The physical limit of a round trip
 * on a socket in this JVM: two system calls and two thread wake-ups each way.
 */
public class RawUdsTransport implements Transport {

	private final String name;

	private final Side side;

	private final Path socket;

	private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();

	private ServerSocketChannel server;

	private Connection client;

	public RawUdsTransport(String name, Side side, Path socket) {
		this.name = name;
		this.side = side;
		this.socket = socket;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public void start() throws IOException {
		if (this.side.hasServer()) {
			this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
			this.server.bind(UnixDomainSocketAddress.of(this.socket));
			Thread acceptor = new Thread(this::accept, "raw-uds-accept");
			acceptor.setDaemon(true);
			acceptor.start();
		}
		if (this.side.hasClient()) {
			this.client = new Connection(this.socket);
			this.client.roundTrip();
		}
	}

	private void accept() {
		try {
			while (true) {
				SocketChannel connection = this.server.accept();
				this.connections.add(connection);
				Thread echo = new Thread(() -> echo(connection), "raw-uds-echo");
				echo.setDaemon(true);
				echo.start();
			}
		}
		catch (IOException ex) {
			// closed by stop()
		}
	}

	private void echo(SocketChannel connection) {
		ByteBuffer buffer = ByteBuffer.allocateDirect(Payloads.TINY_SIZE);
		try (connection) {
			while (true) {
				buffer.clear();
				readFully(connection, buffer);
				buffer.flip();
				while (buffer.hasRemaining()) {
					connection.write(buffer);
				}
			}
		}
		catch (EOFException | ClosedChannelException ex) {
			// the client closed the connection, or stop() did
		}
		catch (IOException ex) {
			if (this.server.isOpen()) {
				System.err.println("raw-uds echo failed: " + ex);
			}
		}
		finally {
			this.connections.remove(connection);
		}
	}

	static void readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
		while (buffer.hasRemaining()) {
			if (channel.read(buffer) < 0) {
				throw new EOFException();
			}
		}
	}

	@Override
	public Channel channel() {
		return null;
	}

	@Override
	public RoundTrip roundTrip() {
		return this.client::roundTrip;
	}

	@Override
	public AutoCloseable connectAndCall() throws IOException {
		Connection connection = new Connection(this.socket);
		connection.roundTrip();
		return connection;
	}

	@Override
	public void stop() throws IOException {
		if (this.client != null) {
			this.client.close();
		}
		if (this.server != null) {
			this.server.close();
			for (SocketChannel connection : this.connections) {
				connection.close();
			}
			Files.deleteIfExists(this.socket);
		}
	}

	/** A client connection, blocking. */
	private static final class Connection implements AutoCloseable {

		private final SocketChannel channel;

		private final ByteBuffer out = ByteBuffer.allocateDirect(Payloads.TINY_SIZE);

		private final ByteBuffer in = ByteBuffer.allocateDirect(Payloads.TINY_SIZE);

		Connection(Path socket) throws IOException {
			this.channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
		}

		void roundTrip() throws IOException {
			this.out.clear();
			while (this.out.hasRemaining()) {
				this.channel.write(this.out);
			}
			this.in.clear();
			readFully(this.channel, this.in);
		}

		@Override
		public void close() throws IOException {
			this.channel.close();
		}

	}

}
