package io.github.udsgrpc.peer;

import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which peers may call a socket listener, judged by the credentials the kernel gave when they connected.
 *
 * <p>
 * A peer is allowed when <em>any</em> of these holds:
 * <ul>
 * <li>{@code sameUserOnly} is set and the peer's uid is the uid this process runs as;</li>
 * <li>the peer's uid is in {@code allowedUids};</li>
 * <li>the peer's effective gid, or a supplementary gid the platform reports (macOS only), is in
 * {@code allowedGids}.</li>
 * </ul>
 * An open policy (none of the three set) allows everyone the socket file's mode lets connect. Root (uid 0) gets no
 * exception: it is allowed only if one of the rules admits it (list 0 in {@code allowedUids}), as with containerd's
 * ttrpc same-user check and PostgreSQL's peer authentication. A call whose credentials could not be read is refused
 * by any policy but the open one.
 */
public final class PeerAccessPolicy {

	/** The largest valid user or group id: {@code (uid_t) -1} means "no id". */
	public static final long MAX_ID = 0xFFFF_FFFEL;

	private static final PeerAccessPolicy OPEN = new PeerAccessPolicy(false, Set.of(), Set.of());

	private final boolean sameUserOnly;

	private final Set<Long> allowedUids;

	private final Set<Long> allowedGids;

	private PeerAccessPolicy(boolean sameUserOnly, Set<Long> allowedUids, Set<Long> allowedGids) {
		this.sameUserOnly = sameUserOnly;
		this.allowedUids = allowedUids;
		this.allowedGids = allowedGids;
	}

	/**
	 * The open policy: everyone who can connect may call.
	 * @return the policy
	 */
	public static PeerAccessPolicy open() {
		return OPEN;
	}

	/**
	 * A policy from its three parts.
	 * @param source where the ids come from, for error messages (a property or a listener's name)
	 * @param sameUserOnly whether the uid this process runs as is allowed
	 * @param allowedUids further user ids allowed, may be null or empty
	 * @param allowedGids group ids whose members are allowed, may be null or empty
	 * @return the policy
	 * @throws PeerAccessPolicyException if an id is missing or not between 0 and {@value #MAX_ID}
	 */
	public static PeerAccessPolicy of(String source, boolean sameUserOnly, Collection<Long> allowedUids,
			Collection<Long> allowedGids) {
		return new PeerAccessPolicy(sameUserOnly, ids(source, "allowed-uids", "user", allowedUids),
				ids(source, "allowed-gids", "group", allowedGids));
	}

	private static Set<Long> ids(String source, String part, String kind, Collection<Long> ids) {
		if (ids == null || ids.isEmpty()) {
			return Set.of();
		}
		Set<Long> checked = new TreeSet<>();
		for (Long id : ids) {
			if (id == null || id < 0 || id > MAX_ID) {
				throw new PeerAccessPolicyException(source, part, kind + " id " + id + " is not valid: " + kind
						+ " ids are numbers from 0 to " + MAX_ID);
			}
			checked.add(id);
		}
		return Collections.unmodifiableSet(checked);
	}

	/**
	 * This policy with {@code sameUserOnly} replaced.
	 * @param sameUserOnly whether the uid this process runs as is allowed
	 * @return the new policy
	 */
	public PeerAccessPolicy withSameUserOnly(boolean sameUserOnly) {
		return new PeerAccessPolicy(sameUserOnly, this.allowedUids, this.allowedGids);
	}

	/**
	 * This policy with the allowed user ids replaced.
	 * @param source where the ids come from, for error messages
	 * @param allowedUids the user ids
	 * @return the new policy
	 * @throws PeerAccessPolicyException if an id is not valid
	 */
	public PeerAccessPolicy withAllowedUids(String source, Collection<Long> allowedUids) {
		return new PeerAccessPolicy(this.sameUserOnly, ids(source, "allowed-uids", "user", allowedUids),
				this.allowedGids);
	}

	/**
	 * This policy with the allowed group ids replaced.
	 * @param source where the ids come from, for error messages
	 * @param allowedGids the group ids
	 * @return the new policy
	 * @throws PeerAccessPolicyException if an id is not valid
	 */
	public PeerAccessPolicy withAllowedGids(String source, Collection<Long> allowedGids) {
		return new PeerAccessPolicy(this.sameUserOnly, this.allowedUids,
				ids(source, "allowed-gids", "group", allowedGids));
	}

	public boolean isSameUserOnly() {
		return this.sameUserOnly;
	}

	public Set<Long> getAllowedUids() {
		return this.allowedUids;
	}

	public Set<Long> getAllowedGids() {
		return this.allowedGids;
	}

	/**
	 * Whether this policy lets everyone in (nothing is checked).
	 * @return true when none of the three parts is set
	 */
	public boolean isOpen() {
		return !this.sameUserOnly && this.allowedUids.isEmpty() && this.allowedGids.isEmpty();
	}

	/**
	 * Whether a peer may call.
	 * @param peer the peer's credentials, or {@code null} if they could not be read
	 * @param ownUid the uid this process runs as
	 * @return true if allowed
	 */
	public boolean permits(PeerCredentials peer, long ownUid) {
		if (isOpen()) {
			return true;
		}
		if (peer == null) {
			return false;
		}
		return (this.sameUserOnly && peer.uid() == ownUid) || this.allowedUids.contains(peer.uid())
				|| peer.gids().stream().anyMatch(this.allowedGids::contains);
	}

	/**
	 * Describes who is allowed, for logs: {@code uid 1000 (same user), uids [0], gids [998]}.
	 * @param ownUid the uid this process runs as
	 * @return the description
	 */
	public String describe(long ownUid) {
		if (isOpen()) {
			return "anyone who can connect";
		}
		StringBuilder text = new StringBuilder();
		if (this.sameUserOnly) {
			text.append("uid ").append(ownUid).append(" (same user)");
		}
		if (!this.allowedUids.isEmpty()) {
			text.append((text.length() > 0) ? ", " : "").append("uids ").append(this.allowedUids);
		}
		if (!this.allowedGids.isEmpty()) {
			text.append((text.length() > 0) ? ", " : "").append("gids ").append(this.allowedGids);
		}
		return text.toString();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof PeerAccessPolicy that && this.sameUserOnly == that.sameUserOnly
				&& this.allowedUids.equals(that.allowedUids) && this.allowedGids.equals(that.allowedGids);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.sameUserOnly, this.allowedUids, this.allowedGids);
	}

	@Override
	public String toString() {
		return "PeerAccessPolicy[sameUserOnly=" + this.sameUserOnly + ", allowedUids=" + this.allowedUids
				+ ", allowedGids=" + this.allowedGids + "]";
	}

}
