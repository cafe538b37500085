package io.github.udsgrpc.systemd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import io.github.udsgrpc.socket.UdsAddress;
import io.github.udsgrpc.testsupport.LogCapture;
import io.github.udsgrpc.testsupport.ShortTempDir;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inspection and matching of passed descriptors, on real sockets made in this JVM and handed over as if systemd
 * had passed them.
 */
@EnabledOnOs(OS.LINUX)
class InheritedSocketsTests {

	@RegisterExtension
	final LogCapture logs = new LogCapture();

	private final ShortTempDir dir = new ShortTempDir();

	private final List<Socket> sockets = new java.util.ArrayList<>();

	@BeforeAll
	static void loadNatives() {
		Epoll.ensureAvailability();
	}

	@AfterEach
	void close() throws Exception {
		for (Socket socket : this.sockets) {
			socket.close();
		}
		this.dir.close();
	}

	@Test
	void aListenerClaimsTheSocketBoundToItsPathOnceAndTheRestIsReported() throws Exception {
		Path api = this.dir.socket("api.sock");
		Path other = this.dir.socket("other.sock");
		String name = "udsgrpc-test-inherited-" + UUID.randomUUID();
		Socket apiSocket = listening(api.toString());
		Socket otherSocket = listening(other.toString());
		Socket abstractSocket = listening("\0" + name);
		Socket notListening = track(Socket.newSocketDomain());
		Socket tcp = track(Socket.newSocketStream());

		InheritedSockets inherited = new InheritedSockets(new ListenFds.Result(List.of(passed(apiSocket, "grpc"),
				passed(otherSocket, null), passed(abstractSocket, null), passed(notListening, null), passed(tcp, null)),
				null));

		assertThat(inherited.unclaimed()).extracting(InheritedSocket::address)
			.containsExactly(UdsAddress.file(api), UdsAddress.file(other), UdsAddress.abstractName(name));
		assertThat(inherited.claim(UdsAddress.file(api))).get()
			.isEqualTo(new InheritedSocket(apiSocket.intValue(), "grpc", UdsAddress.file(api)));
		assertThat(inherited.claim(UdsAddress.file(api))).as("claimed once").isEmpty();
		assertThat(inherited.claim(UdsAddress.abstractName(name))).get()
			.extracting(InheritedSocket::fd).isEqualTo(abstractSocket.intValue());
		assertThat(inherited.claim(UdsAddress.file(this.dir.socket("nobody.sock")))).isEmpty();

		inherited.reportUnclaimed();
		assertThat(this.logs.toString()).contains("systemd passed a listening socket at " + other + " (fd " + otherSocket.intValue()
				+ ") that matches no gRPC listener; it is left alone")
			.contains("fd " + notListening.intValue() + ": a Unix stream socket that does not listen")
			.contains("fd " + tcp.intValue() + ": not a Unix domain socket");
		assertThat(otherSocket.isOpen()).as("left open").isTrue();
	}

	@Test
	void aPathThroughASymbolicLinkMatchesTheSameFile() throws Exception {
		Path real = Files.createDirectory(this.dir.path().resolve("real"));
		Path link = Files.createSymbolicLink(this.dir.path().resolve("link"), real);
		Socket socket = listening(real.resolve("s.sock").toString());
		InheritedSockets inherited = new InheritedSockets(
				new ListenFds.Result(List.of(passed(socket, null)), null));
		assertThat(inherited.claim(UdsAddress.file(link.resolve("s.sock")))).isPresent();
	}

	private Socket listening(String path) throws Exception {
		Socket socket = track(Socket.newSocketDomain());
		socket.bind(new DomainSocketAddress(path));
		socket.listen(8);
		return socket;
	}

	private Socket track(Socket socket) {
		this.sockets.add(socket);
		return socket;
	}

	private static ListenFds.PassedFd passed(Socket socket, String name) {
		return new ListenFds.PassedFd(socket.intValue(), name);
	}

}
