package io.github.udsgrpc.socket;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.unix.PeerCredentials;

/**
 * The native Netty transport that carries Unix domain sockets on this platform: epoll on Linux, kqueue on
 * macOS and the BSDs. The JDK's own socket channels cannot be used, because grpc-netty only knows Netty's.
 */
public enum NativeTransport {

	/** Linux epoll. */
	EPOLL("io.netty.channel.epoll.Epoll", "netty-transport-native-epoll", "linux-x86_64 or linux-aarch_64"),

	/** macOS / BSD kqueue. */
	KQUEUE("io.netty.channel.kqueue.KQueue", "netty-transport-native-kqueue", "osx-x86_64 or osx-aarch_64");

	private final String probeClass;

	private final String artifactId;

	private final String classifiers;

	NativeTransport(String probeClass, String artifactId, String classifiers) {
		this.probeClass = probeClass;
		this.artifactId = artifactId;
		this.classifiers = classifiers;
	}

	/**
	 * Returns the first transport that works here.
	 * @return the transport
	 * @throws NativeTransportUnavailableException if neither epoll nor kqueue can be loaded
	 */
	public static NativeTransport detect() {
		return detect(NativeTransport::unavailabilityCause);
	}

	static NativeTransport detect(Function<NativeTransport, Throwable> probe) {
		List<String> reasons = new ArrayList<>();
		for (NativeTransport transport : values()) {
			Throwable cause = probe.apply(transport);
			if (cause == null) {
				return transport;
			}
			reasons.add(transport.describe(cause));
		}
		throw new NativeTransportUnavailableException(reasons);
	}

	/**
	 * Why this transport cannot be used here, or {@code null} if it can.
	 */
	static Throwable unavailabilityCause(NativeTransport transport) {
		try {
			Class.forName(transport.probeClass, false, NativeTransport.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return new ClassNotFoundException(transport.probeClass);
		}
		return (transport == EPOLL) ? Epolls.unavailabilityCause() : KQueues.unavailabilityCause();
	}

	/**
	 * Whether this transport works here.
	 * @return true if its classes and native library load
	 */
	public boolean isAvailable() {
		return unavailabilityCause(this) == null;
	}

	private String describe(Throwable cause) {
		return name().toLowerCase() + " (" + this.artifactId + ", classifier " + this.classifiers + "): " + cause;
	}

	/**
	 * Creates an event loop group of this transport.
	 * @param threads the number of threads, 0 for Netty's default
	 * @param threadFactory the factory of its threads
	 * @return the group
	 */
	public EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
		return (this == EPOLL) ? Epolls.group(threads, threadFactory) : KQueues.group(threads, threadFactory);
	}

	/**
	 * The channel type of a listening domain socket.
	 * @return the server channel type
	 */
	public Class<? extends ServerChannel> serverChannelType() {
		return (this == EPOLL) ? Epolls.serverChannel() : KQueues.serverChannel();
	}

	/**
	 * The channel type of a connected domain socket.
	 * @return the client channel type
	 */
	public Class<? extends Channel> clientChannelType() {
		return (this == EPOLL) ? Epolls.clientChannel() : KQueues.clientChannel();
	}

	/**
	 * The credentials the kernel recorded for the peer of a connected domain socket of this transport
	 * ({@code SO_PEERCRED} on Linux, {@code LOCAL_PEERCRED} on macOS).
	 * @param channel a connected domain socket channel
	 * @return the credentials, or {@code null} if the channel is not a domain socket of this transport
	 * @throws IOException if the kernel refuses to tell
	 */
	public PeerCredentials peerCredentials(Channel channel) throws IOException {
		return (this == EPOLL) ? Epolls.peerCredentials(channel) : KQueues.peerCredentials(channel);
	}

	// The two holders keep each transport's classes out of reach until that transport is chosen, so a
	// classpath with only one of them never touches the other.

	private static final class Epolls {

		static Throwable unavailabilityCause() {
			return io.netty.channel.epoll.Epoll.isAvailable() ? null
					: io.netty.channel.epoll.Epoll.unavailabilityCause();
		}

		@SuppressWarnings("deprecation") // the Netty 4.1 group; Netty 4.2 gets its IoHandler group
		static EventLoopGroup group(int threads, ThreadFactory threadFactory) {
			return NettyEventLoops.create("io.netty.channel.epoll.EpollIoHandler",
					io.netty.channel.epoll.EpollEventLoopGroup::new, threads, threadFactory);
		}

		static Class<? extends ServerChannel> serverChannel() {
			return io.netty.channel.epoll.EpollServerDomainSocketChannel.class;
		}

		static Class<? extends Channel> clientChannel() {
			return io.netty.channel.epoll.EpollDomainSocketChannel.class;
		}

		static PeerCredentials peerCredentials(Channel channel) throws IOException {
			return (channel instanceof io.netty.channel.epoll.EpollDomainSocketChannel socket)
					? socket.peerCredentials() : null;
		}

	}

	private static final class KQueues {

		static Throwable unavailabilityCause() {
			return io.netty.channel.kqueue.KQueue.isAvailable() ? null
					: io.netty.channel.kqueue.KQueue.unavailabilityCause();
		}

		@SuppressWarnings("deprecation") // the Netty 4.1 group; Netty 4.2 gets its IoHandler group
		static EventLoopGroup group(int threads, ThreadFactory threadFactory) {
			return NettyEventLoops.create("io.netty.channel.kqueue.KQueueIoHandler",
					io.netty.channel.kqueue.KQueueEventLoopGroup::new, threads, threadFactory);
		}

		static Class<? extends ServerChannel> serverChannel() {
			return io.netty.channel.kqueue.KQueueServerDomainSocketChannel.class;
		}

		static Class<? extends Channel> clientChannel() {
			return io.netty.channel.kqueue.KQueueDomainSocketChannel.class;
		}

		static PeerCredentials peerCredentials(Channel channel) throws IOException {
			return (channel instanceof io.netty.channel.kqueue.KQueueDomainSocketChannel socket)
					? socket.peerCredentials() : null;
		}

	}

}
