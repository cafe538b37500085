package io.github.udsgrpc.autoconfigure.peer;

import com.sun.security.auth.module.UnixSystem;

/**
 * The user this process runs as, the "same user" of {@link PeerAccessPolicy#isSameUserOnly()}.
 */
final class ProcessUser {

	private static final long UID = Integer.toUnsignedLong((int) new UnixSystem().getUid());

	private ProcessUser() {
	}

	/**
	 * This process's user id.
	 * @return the uid
	 */
	static long uid() {
		return UID;
	}

}
