package io.github.udsgrpc.peer;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.ServerCall;

/**
 * Who is at the other end of a Unix socket connection, as the kernel reported it when the client connected:
 * {@code SO_PEERCRED} on Linux, {@code LOCAL_PEERCRED} (and {@code LOCAL_PEERPID}) on macOS.
 *
 * <p>
 * Every call that arrives over a socket listener carries the credentials of its connection. Service code reads them
 * with {@link #current()}; an interceptor reads them from the call with {@link #of(ServerCall)}:
 *
 * <pre class="code">
 * public void delete(DeleteRequest request, StreamObserver&lt;DeleteReply&gt; replies) {
 *     PeerCredentials peer = PeerCredentials.current().orElseThrow();
 *     log.info("delete requested by uid {} (pid {})", peer.uid(), peer.pid());
 *     ...
 * }
 * </pre>
 *
 * <p>
 * Ids are unsigned 32-bit values ({@code uid_t}, {@code gid_t}), hence {@code long}. Calls over TCP or in-process
 * carry no credentials. What the credentials prove, and what not, is in docs/security.md: in short,
 * who connected (not who sends now, if the connection was handed on), and a pid that may since have been reused.
 */
public final class PeerCredentials {

	/** The credentials in a server transport's (and so a server call's) attributes. */
	public static final Attributes.Key<PeerCredentials> TRANSPORT_ATTRIBUTE = Attributes.Key
		.create("io.github.udsgrpc.peer-credentials");

	/** The credentials in the gRPC {@link Context} of a call over a socket listener. */
	public static final Context.Key<PeerCredentials> CONTEXT_KEY = Context.key("io.github.udsgrpc.peer-credentials");

	private final int pid;

	private final long uid;

	private final long[] gids;

	private PeerCredentials(int pid, long uid, long[] gids) {
		this.pid = pid;
		this.uid = uid;
		this.gids = gids;
	}

	/**
	 * Credentials as the kernel reports them.
	 * @param pid the peer's process id, or 0 when the platform does not report it
	 * @param uid the peer's effective user id
	 * @param gids the peer's effective group id first, then any supplementary groups the platform reports
	 * @return the credentials
	 * @throws IllegalArgumentException if no group is given or an id is out of range
	 */
	public static PeerCredentials of(int pid, long uid, long... gids) {
		if (pid < 0) {
			throw new IllegalArgumentException("pid must not be negative, was " + pid);
		}
		checkId("uid", uid);
		if (gids == null || gids.length == 0) {
			throw new IllegalArgumentException("At least the effective group id is needed");
		}
		for (long gid : gids) {
			checkId("gid", gid);
		}
		return new PeerCredentials(pid, uid, gids.clone());
	}

	/**
	 * Credentials from the signed ints that Netty (and the kernel's C types) use for ids.
	 * @param pid the process id, 0 if unknown
	 * @param uid the user id, as a signed int
	 * @param gids the group ids, as signed ints
	 * @return the credentials
	 */
	static PeerCredentials fromNative(int pid, int uid, int[] gids) {
		long[] unsigned = Arrays.stream(gids).mapToLong(Integer::toUnsignedLong).toArray();
		return of(Math.max(pid, 0), Integer.toUnsignedLong(uid), unsigned);
	}

	private static void checkId(String what, long id) {
		if (id < 0 || id > 0xFFFF_FFFFL) {
			throw new IllegalArgumentException(what + " must be between 0 and 4294967295, was " + id);
		}
	}

	/**
	 * The credentials of the call being served on this thread, from the gRPC {@link Context}.
	 * @return the credentials, or empty outside a call or for a call that did not come over a socket listener
	 */
	public static Optional<PeerCredentials> current() {
		return Optional.ofNullable(CONTEXT_KEY.get());
	}

	/**
	 * The credentials of a call's connection, from its attributes.
	 * @param call a server call
	 * @return the credentials, or empty for a call that did not come over a socket listener
	 */
	public static Optional<PeerCredentials> of(ServerCall<?, ?> call) {
		return Optional.ofNullable(call.getAttributes().get(TRANSPORT_ATTRIBUTE));
	}

	/**
	 * The peer's process id when it connected. Linux always reports it; macOS does where {@code LOCAL_PEERPID}
	 * exists (10.8 and later); the NIO transport never does (the JDK's {@code SO_PEERCRED} gives user and group
	 * only). Process ids are reused: the process may have exited and the id been given to another.
	 * @return the pid, or empty when the platform did not report one
	 */
	public OptionalInt pid() {
		return (this.pid > 0) ? OptionalInt.of(this.pid) : OptionalInt.empty();
	}

	/**
	 * The peer's effective user id when it connected.
	 * @return the uid
	 */
	public long uid() {
		return this.uid;
	}

	/**
	 * The peer's effective group id when it connected.
	 * @return the gid
	 */
	public long gid() {
		return this.gids[0];
	}

	/**
	 * The peer's groups: its effective group id first, then the supplementary groups where the platform reports
	 * them. Linux's {@code SO_PEERCRED} reports only the effective group; macOS's {@code LOCAL_PEERCRED} reports up
	 * to 16 groups.
	 * @return the group ids, at least one
	 */
	public List<Long> gids() {
		return Arrays.stream(this.gids).boxed().toList();
	}

	/**
	 * Whether the peer runs as the user this process runs as.
	 * @return true if its uid is this process's uid
	 */
	public boolean isSameUser() {
		return this.uid == ProcessUser.uid();
	}

	/**
	 * Whether the peer is in a group, by its effective group or a reported supplementary group.
	 * @param gid a group id
	 * @return true if one of {@link #gids()} is that group
	 */
	public boolean isInGroup(long gid) {
		return Arrays.stream(this.gids).anyMatch((candidate) -> candidate == gid);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof PeerCredentials that && this.pid == that.pid && this.uid == that.uid
				&& Arrays.equals(this.gids, that.gids);
	}

	@Override
	public int hashCode() {
		return 31 * (31 * this.pid + Long.hashCode(this.uid)) + Arrays.hashCode(this.gids);
	}

	/**
	 * Describes the peer for logs: {@code uid=1000 gid=1000 pid=4242}, with further groups when reported.
	 */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("uid=").append(this.uid).append(" gid=").append(gid());
		if (this.gids.length > 1) {
			text.append(" groups=")
				.append(Arrays.stream(this.gids).mapToObj(Long::toString).collect(Collectors.joining(",")));
		}
		return text.append(" pid=").append((this.pid > 0) ? Integer.toString(this.pid) : "unknown").toString();
	}

}
