package io.github.udsgrpc.socket;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;

/**
 * The Netty transport that carries Unix domain sockets: a native one (epoll on Linux, kqueue on macOS and the BSDs,
 * io_uring on Linux with Netty 4.2), or NIO, the JDK's own domain sockets ({@code UnixDomainSocketAddress}, JDK 16+)
 * through Netty's NIO channels, which needs no native library and so also runs where no native transport loads
 * (Windows 10 and later).
 *
 * <p>
 * {@link #detect()} (the {@code auto} choice) takes the platform's native transport and falls back to NIO. The
 * override {@value #OVERRIDE_PROPERTY} (system property) or {@value #OVERRIDE_ENVIRONMENT} (environment variable)
 * forces what {@code auto} picks, for a whole test run or a deployment, without changing configuration. Everything
 * that differs between the transports (event loops, channel types, the address type a channel takes, how the peer's
 * credentials are read) goes through one holder class per transport, so that a class path without one of them
 * never touches its classes; io_uring's (Netty 4.2 only, and the core is compiled against Netty 4.1) are reached by
 * name.
 */
public enum SocketTransport {

	/** Linux epoll. */
	EPOLL("epoll", "netty-transport-native-epoll, classifier linux-x86_64 or linux-aarch_64"),

	/** macOS / BSD kqueue. */
	KQUEUE("kqueue", "netty-transport-native-kqueue, classifier osx-x86_64 or osx-aarch_64"),

	/** Linux io_uring, Netty 4.2 and later. */
	IO_URING("io-uring", "netty-transport-native-io_uring 4.2 or later, classifier linux-x86_64 or linux-aarch_64"),

	/** The JDK's domain sockets through Netty's NIO channels: no native library. */
	NIO("nio", "Netty's NioDomainSocketChannel (netty-transport 4.1.90 or later) and JDK 16 or later");

	/** The system property that forces the transport {@code auto} picks, for example {@code nio}. */
	public static final String OVERRIDE_PROPERTY = "udsgrpc.transport";

	/** The environment variable that forces the transport {@code auto} picks, read when the property is unset. */
	public static final String OVERRIDE_ENVIRONMENT = "UDSGRPC_TRANSPORT";

	/** What {@code auto} tries, in this order. */
	private static final List<SocketTransport> AUTO_ORDER = List.of(EPOLL, KQUEUE, NIO);

	private final String value;

	private final String needs;

	SocketTransport(String value, String needs) {
		this.value = value;
		this.needs = needs;
	}

	/**
	 * The transport's name as {@code grpc.uds.transport} and the override spell it.
	 * @return {@code epoll}, {@code kqueue}, {@code io-uring} or {@code nio}
	 */
	public String value() {
		return this.value;
	}

	/**
	 * The transport of a name.
	 * @param value {@code epoll}, {@code kqueue}, {@code io-uring} (or {@code io_uring}) or {@code nio}, in any case
	 * @return the transport
	 * @throws IllegalArgumentException naming the accepted values
	 */
	public static SocketTransport of(String value) {
		String wanted = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
		return Arrays.stream(values())
			.filter((transport) -> transport.value.equals(wanted))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown socket transport '" + value + "'; use one of "
					+ Arrays.stream(values()).map(SocketTransport::value).collect(Collectors.joining(", "))));
	}

	/**
	 * The transport {@code auto} picks: the one the override ({@value #OVERRIDE_PROPERTY},
	 * {@value #OVERRIDE_ENVIRONMENT}) names if set, else the first of epoll, kqueue and NIO that works here.
	 * @return the transport
	 * @throws SocketTransportUnavailableException if none works, or the forced one does not
	 */
	public static SocketTransport detect() {
		String forced = override();
		if (forced != null) {
			return require(of(forced));
		}
		return detect(SocketTransport::unavailabilityCause);
	}

	static SocketTransport detect(Function<SocketTransport, Throwable> probe) {
		List<String> reasons = new ArrayList<>();
		for (SocketTransport transport : AUTO_ORDER) {
			Throwable cause = probe.apply(transport);
			if (cause == null) {
				return transport;
			}
			reasons.add(transport.describe(cause));
		}
		throw new SocketTransportUnavailableException(reasons);
	}

	/**
	 * The transport the override names, if any.
	 * @return its value, or {@code null} when neither the property nor the variable is set (or set to {@code auto})
	 */
	public static String override() {
		String forced = System.getProperty(OVERRIDE_PROPERTY);
		if (forced == null || forced.isBlank()) {
			forced = System.getenv(OVERRIDE_ENVIRONMENT);
		}
		return (forced == null || forced.isBlank() || forced.trim().equalsIgnoreCase("auto")) ? null : forced.trim();
	}

	/**
	 * Returns the transport if it works here.
	 * @param transport the transport asked for
	 * @return the transport
	 * @throws SocketTransportUnavailableException naming why it does not work
	 */
	public static SocketTransport require(SocketTransport transport) {
		Throwable cause = unavailabilityCause(transport);
		if (cause != null) {
			throw new SocketTransportUnavailableException(transport, List.of(transport.describe(cause)));
		}
		return transport;
	}

	/**
	 * Why this transport cannot be used here, or {@code null} if it can.
	 */
	static Throwable unavailabilityCause(SocketTransport transport) {
		try {
			return switch (transport) {
				case EPOLL -> present("io.netty.channel.epoll.Epoll") ? Epolls.unavailabilityCause()
						: new ClassNotFoundException("io.netty.channel.epoll.Epoll");
				case KQUEUE -> present("io.netty.channel.kqueue.KQueue") ? KQueues.unavailabilityCause()
						: new ClassNotFoundException("io.netty.channel.kqueue.KQueue");
				case IO_URING -> IoUrings.unavailabilityCause();
				case NIO -> Nios.unavailabilityCause();
			};
		}
		catch (LinkageError ex) {
			return ex;
		}
	}

	static boolean present(String className) {
		try {
			Class.forName(className, false, SocketTransport.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * Whether this transport works here.
	 * @return true if its classes (and native library) load
	 */
	public boolean isAvailable() {
		return unavailabilityCause(this) == null;
	}

	/**
	 * Whether this is one of Netty's native transports, with the kernel's sockets behind Netty's own
	 * {@code DomainSocketAddress}, rather than the JDK's.
	 * @return false for NIO only
	 */
	public boolean isNative() {
		return this != NIO;
	}

	/**
	 * Whether sockets of this transport can bind and dial Linux's abstract names ({@code @name}): the JDK has no
	 * abstract namespace, and only Linux has one.
	 * @return true for epoll and io_uring
	 */
	public boolean supportsAbstractNames() {
		return this == EPOLL || this == IO_URING;
	}

	/**
	 * Whether a listening socket that systemd passed can be adopted with this transport: only Netty's epoll
	 * channel wraps an existing descriptor (Netty's io_uring and NIO domain socket channels create their own).
	 * @return true for epoll
	 */
	public boolean canAdoptInheritedSockets() {
		return this == EPOLL;
	}

	String describe(Throwable cause) {
		return this.value + " (" + this.needs + "): " + cause;
	}

	/**
	 * Creates an event loop group of this transport.
	 * @param threads the number of threads, 0 for Netty's default
	 * @param threadFactory the factory of its threads
	 * @return the group
	 */
	public EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
		return switch (this) {
			case EPOLL -> Epolls.group(threads, threadFactory);
			case KQUEUE -> KQueues.group(threads, threadFactory);
			case IO_URING -> IoUrings.group(threads, threadFactory);
			case NIO -> Nios.group(threads, threadFactory);
		};
	}

	/**
	 * The channel type of a listening domain socket.
	 * @return the server channel type
	 */
	public Class<? extends ServerChannel> serverChannelType() {
		return switch (this) {
			case EPOLL -> Epolls.serverChannel();
			case KQUEUE -> KQueues.serverChannel();
			case IO_URING -> IoUrings.serverChannel();
			case NIO -> Nios.serverChannel();
		};
	}

	/**
	 * The channel type of a connected domain socket.
	 * @return the client channel type
	 */
	public Class<? extends Channel> clientChannelType() {
		return switch (this) {
			case EPOLL -> Epolls.clientChannel();
			case KQUEUE -> KQueues.clientChannel();
			case IO_URING -> IoUrings.clientChannel();
			case NIO -> Nios.clientChannel();
		};
	}

	/**
	 * The address this transport's channels bind and connect to: Netty's {@code DomainSocketAddress} for the native
	 * transports, the JDK's {@code UnixDomainSocketAddress} for NIO. The one place where an address is converted.
	 * @param address the socket's path or abstract name
	 * @return the channel's address
	 * @throws IllegalArgumentException for an abstract name on a transport without them
	 */
	public SocketAddress channelAddress(UdsAddress address) {
		if (address.isAbstract() && !supportsAbstractNames()) {
			throw new IllegalArgumentException("Socket " + address + ": " + abstractNamesUnsupported());
		}
		return (this == NIO) ? Nios.address(address.path()) : address.toNettyAddress();
	}

	/**
	 * Why this transport cannot use an abstract name, in words.
	 * @return the reason
	 */
	String abstractNamesUnsupported() {
		if (this == NIO) {
			return "abstract socket names need a native transport (epoll or io-uring); the JDK's domain sockets, which "
					+ "transport nio uses, have no abstract namespace";
		}
		return "abstract socket names exist only on Linux, and this is " + System.getProperty("os.name") + " ("
				+ this.value + ")";
	}

	/**
	 * The credentials the kernel recorded for the peer of a connected domain socket of this transport
	 * ({@code SO_PEERCRED} on Linux, {@code LOCAL_PEERCRED} on macOS; for NIO the JDK's {@code SO_PEERCRED}, which
	 * gives no pid).
	 * @param channel a connected domain socket channel
	 * @return the credentials, or {@code null} if the channel is not a domain socket of this transport or the
	 * platform does not tell
	 * @throws IOException if the kernel refuses to tell
	 */
	public PeerIds peerCredentials(Channel channel) throws IOException {
		return switch (this) {
			case EPOLL -> PeerIds.of(Epolls.peerCredentials(channel));
			case KQUEUE -> PeerIds.of(KQueues.peerCredentials(channel));
			case IO_URING -> PeerIds.of(IoUrings.peerCredentials(channel));
			case NIO -> NioPeerCredentials.of(channel);
		};
	}

	/**
	 * What a transport reads of a peer: the ids the kernel recorded when it connected.
	 *
	 * @param pid the peer's process id, 0 when the transport does not tell it
	 * @param uid the peer's user id
	 * @param gids the peer's group ids, the effective one first
	 */
	public record PeerIds(int pid, long uid, long[] gids) {

		static PeerIds of(io.netty.channel.unix.PeerCredentials credentials) {
			if (credentials == null) {
				return null;
			}
			long[] gids = Arrays.stream(credentials.gids()).mapToLong(Integer::toUnsignedLong).toArray();
			return new PeerIds(Math.max(credentials.pid(), 0), Integer.toUnsignedLong(credentials.uid()), gids);
		}

	}

	// One holder per transport keeps each transport's classes out of reach until that transport is chosen, so a
	// classpath without one of them never touches it.

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

		static io.netty.channel.unix.PeerCredentials peerCredentials(Channel channel) throws IOException {
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

		static io.netty.channel.unix.PeerCredentials peerCredentials(Channel channel) throws IOException {
			return (channel instanceof io.netty.channel.kqueue.KQueueDomainSocketChannel socket)
					? socket.peerCredentials() : null;
		}

	}

	/**
	 * Netty 4.2's io_uring ({@code io.netty.channel.uring}), reached by name: the core is compiled against Netty
	 * 4.1, which has no io_uring domain sockets.
	 */
	private static final class IoUrings {

		private static final String PACKAGE = "io.netty.channel.uring.";

		static Throwable unavailabilityCause() {
			if (!present(PACKAGE + "IoUring")) {
				return new ClassNotFoundException(PACKAGE + "IoUring: io_uring domain sockets need Netty 4.2 or later "
						+ "(the Spring Boot 4.1 line), and this is Netty " + NettyEventLoops.nettyVersion());
			}
			if (!NettyEventLoops.ioHandlerLoops()) {
				return new ClassNotFoundException(NettyEventLoops.IO_GROUP + ": io_uring needs Netty 4.2's event loops");
			}
			try {
				Class<?> ioUring = load("IoUring");
				if ((Boolean) ioUring.getMethod("isAvailable").invoke(null)) {
					return null;
				}
				return (Throwable) ioUring.getMethod("unavailabilityCause").invoke(null);
			}
			catch (InvocationTargetException ex) {
				return ex.getCause();
			}
			catch (ReflectiveOperationException ex) {
				return ex;
			}
		}

		static EventLoopGroup group(int threads, ThreadFactory threadFactory) {
			return NettyEventLoops.create(PACKAGE + "IoUringIoHandler", (count, factory) -> {
				throw new IllegalStateException("io_uring domain sockets need Netty 4.2 or later");
			}, threads, threadFactory);
		}

		static Class<? extends ServerChannel> serverChannel() {
			return load("IoUringServerDomainSocketChannel").asSubclass(ServerChannel.class);
		}

		static Class<? extends Channel> clientChannel() {
			return load("IoUringDomainSocketChannel").asSubclass(Channel.class);
		}

		static io.netty.channel.unix.PeerCredentials peerCredentials(Channel channel) throws IOException {
			if (!channel.getClass().getName().equals(PACKAGE + "IoUringDomainSocketChannel")) {
				return null;
			}
			try {
				return (io.netty.channel.unix.PeerCredentials) channel.getClass()
					.getMethod("peerCredentials")
					.invoke(channel);
			}
			catch (InvocationTargetException ex) {
				if (ex.getCause() instanceof IOException io) {
					throw io;
				}
				throw new IOException("io_uring's peerCredentials() failed", ex.getCause());
			}
			catch (ReflectiveOperationException ex) {
				throw new IOException("io_uring's peerCredentials() cannot be called", ex);
			}
		}

		private static Class<?> load(String simpleName) {
			try {
				return Class.forName(PACKAGE + simpleName, true, SocketTransport.class.getClassLoader());
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException("io_uring domain sockets need Netty 4.2 or later", ex);
			}
		}

	}

	/**
	 * Netty's NIO domain socket channels over the JDK's {@code UnixDomainSocketAddress}.
	 */
	private static final class Nios {

		static Throwable unavailabilityCause() {
			if (!present("io.netty.channel.socket.nio.NioDomainSocketChannel")) {
				return new ClassNotFoundException("io.netty.channel.socket.nio.NioDomainSocketChannel: this is Netty "
						+ NettyEventLoops.nettyVersion());
			}
			if (!present("java.net.UnixDomainSocketAddress")) {
				return new ClassNotFoundException("java.net.UnixDomainSocketAddress: this is Java "
						+ System.getProperty("java.version"));
			}
			return null;
		}

		@SuppressWarnings("deprecation") // the Netty 4.1 group; Netty 4.2 gets its IoHandler group
		static EventLoopGroup group(int threads, ThreadFactory threadFactory) {
			return NettyEventLoops.create("io.netty.channel.nio.NioIoHandler",
					io.netty.channel.nio.NioEventLoopGroup::new, threads, threadFactory);
		}

		static Class<? extends ServerChannel> serverChannel() {
			return io.netty.channel.socket.nio.NioServerDomainSocketChannel.class;
		}

		static Class<? extends Channel> clientChannel() {
			return io.netty.channel.socket.nio.NioDomainSocketChannel.class;
		}

		static SocketAddress address(java.nio.file.Path path) {
			return java.net.UnixDomainSocketAddress.of(path);
		}

	}

}
