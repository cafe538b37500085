package io.github.udsgrpc.testsupport.transport;

import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

import io.github.udsgrpc.socket.SocketTransport;
import io.netty.channel.unix.DomainSocketAddress;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The transport the servers of this test run use when nothing names one ({@code auto}): the platform's, or the one
 * the override ({@value SocketTransport#OVERRIDE_PROPERTY}, {@value SocketTransport#OVERRIDE_ENVIRONMENT}) forces,
 * as CI does to run the real-socket tests on NIO. Tests of what a transport does not offer (abstract names, socket
 * activation, the peer's pid) ask here instead of assuming epoll.
 */
public final class TestTransport {

	private TestTransport() {
	}

	/**
	 * The transport {@code auto} picks in this run.
	 * @return the transport
	 */
	public static SocketTransport current() {
		return SocketTransport.detect();
	}

	/**
	 * Skips the test when the transport of this run has no abstract names (NIO).
	 */
	public static void assumeAbstractNames() {
		SocketTransport transport = current();
		assumeTrue(transport.supportsAbstractNames(), () -> "the " + transport.value() + " transport of this run "
				+ "has no abstract names");
	}

	/**
	 * Skips the test when the transport of this run cannot adopt a socket systemd passed (io_uring, NIO).
	 */
	public static void assumeSocketActivation() {
		SocketTransport transport = current();
		assumeTrue(transport.canAdoptInheritedSockets(), () -> "the " + transport.value() + " transport of this run "
				+ "cannot adopt inherited sockets");
	}

	/**
	 * The pid a server of this run sees for a peer: the peer's, or 0 on NIO, whose credentials have none.
	 * @param pid the peer's pid
	 * @return what the server reports
	 */
	public static long seenPid(long pid) {
		return current().isNative() ? pid : 0;
	}

	/**
	 * The pid as a refusal's log line shows it: the peer's, or {@code unknown} on NIO.
	 * @param pid the peer's pid
	 * @return what the log shows after {@code pid=}
	 */
	public static String loggedPid(long pid) {
		return current().isNative() ? Long.toString(pid) : "unknown";
	}

	/**
	 * The type of the addresses a server's channels of this run report.
	 * @return Netty's {@code DomainSocketAddress}, or the JDK's {@code UnixDomainSocketAddress} on NIO
	 */
	public static Class<? extends SocketAddress> addressType() {
		return current().isNative() ? DomainSocketAddress.class : UnixDomainSocketAddress.class;
	}

	/**
	 * The path of a socket address of either type.
	 * @param address Netty's or the JDK's address
	 * @return the path
	 */
	public static Path pathOf(SocketAddress address) {
		return (address instanceof UnixDomainSocketAddress jdk) ? jdk.getPath()
				: Path.of(((DomainSocketAddress) address).path());
	}

	/**
	 * Skips the test when the transport of this run cannot bind a path of the full length the platform allows (the
	 * JDK's domain sockets, NIO, take one byte less than Linux: at most 106).
	 */
	public static void assumeFullLengthPaths() {
		SocketTransport transport = current();
		assumeTrue(transport.isNative(), () -> "the " + transport.value() + " transport of this run binds paths of "
				+ "at most 106 bytes");
	}

}
