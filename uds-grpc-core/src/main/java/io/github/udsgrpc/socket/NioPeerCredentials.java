package io.github.udsgrpc.socket;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The peer of a NIO domain socket, read through the JDK's {@code SO_PEERCRED} option
 * ({@link ExtendedSocketOptions#SO_PEERCRED}, Linux and macOS), which Netty's {@link NioChannelOption} passes to the
 * JDK's channel.
 *
 * <p>
 * The JDK gives a {@link UnixDomainPrincipal}: the peer's user and (effective) group as file-system principals,
 * named by the user and group databases, and no pid and no supplementary groups. The numeric ids are what the peer
 * access policies compare, and the JDK's principals carry them without a public accessor: the JDK's own principal
 * hashes to its id, and that candidate is accepted only if the JDK's lookup of the same number gives an equal
 * principal ({@code lookupPrincipalByName("1000")} falls back to the numeric id, and the JDK's principals are equal
 * when their ids are). A principal whose id cannot be confirmed so gives no credentials, and then every policy but
 * the open one refuses the connection's calls.
 */
final class NioPeerCredentials {

	private NioPeerCredentials() {
	}

	/**
	 * Reads the peer of a NIO domain socket channel.
	 * @param channel the accepted channel
	 * @return the ids (pid 0: unknown), or {@code null} if the channel is not a NIO domain socket or the platform
	 * does not tell
	 * @throws IOException if the JDK fails to read the option or the ids cannot be confirmed
	 */
	static SocketTransport.PeerIds of(Channel channel) throws IOException {
		if (!(channel instanceof NioDomainSocketChannel)) {
			return null;
		}
		UnixDomainPrincipal principal;
		try {
			principal = channel.config().getOption(NioChannelOption.of(ExtendedSocketOptions.SO_PEERCRED));
		}
		catch (ChannelException ex) {
			throw (ex.getCause() instanceof IOException io) ? io : new IOException(ex.getMessage(), ex);
		}
		catch (UnsupportedOperationException ex) {
			return null; // the platform's domain sockets have no peer credentials (Windows)
		}
		if (principal == null) {
			return null;
		}
		UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
		long uid = userId(lookup, principal.user());
		long gid = groupId(lookup, principal.group());
		return new SocketTransport.PeerIds(0, uid, new long[] { gid });
	}

	private static long userId(UserPrincipalLookupService lookup, UserPrincipal user) throws IOException {
		long candidate = numeric(user.getName(), user.hashCode());
		if (!confirmed(user, () -> lookup.lookupPrincipalByName(Long.toString(candidate)))) {
			throw new IOException("Cannot tell the user id of the peer's user '" + user.getName() + "'");
		}
		return candidate;
	}

	private static long groupId(UserPrincipalLookupService lookup, GroupPrincipal group) throws IOException {
		long candidate = numeric(group.getName(), group.hashCode());
		if (!confirmed(group, () -> lookup.lookupPrincipalByGroupName(Long.toString(candidate)))) {
			throw new IOException("Cannot tell the group id of the peer's group '" + group.getName() + "'");
		}
		return candidate;
	}

	/**
	 * The id a principal stands for: its name when the databases have no name for the id (the JDK then names it by
	 * the number), else its hash, which the JDK's principals take from the id.
	 */
	private static long numeric(String name, int hash) {
		if (!name.isEmpty() && name.chars().allMatch(Character::isDigit) && name.length() <= 10) {
			return Long.parseLong(name);
		}
		return Integer.toUnsignedLong(hash);
	}

	private static boolean confirmed(UserPrincipal principal, Lookup lookup) {
		try {
			return principal.equals(lookup.find());
		}
		catch (IOException ex) { // UserPrincipalNotFoundException among them
			return false;
		}
	}

	@FunctionalInterface
	private interface Lookup {

		UserPrincipal find() throws IOException;

	}

}
