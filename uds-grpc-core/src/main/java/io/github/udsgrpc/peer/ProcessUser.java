package io.github.udsgrpc.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The user this process runs as, the "same user" of {@link PeerAccessPolicy#isSameUserOnly()}.
 */
final class ProcessUser {

	private static final long UID = readUid();

	private ProcessUser() {
	}

	/**
	 * This process's user id.
	 * @return the uid
	 */
	static long uid() {
		return UID;
	}

	private static long readUid() {
		try {
			return Integer.toUnsignedLong((int) new com.sun.security.auth.module.UnixSystem().getUid());
		}
		catch (LinkageError ex) {
			// A runtime image without the jdk.security.auth module: Linux's /proc/self belongs to the process's uid.
			try {
				return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
			}
			catch (IOException ioEx) {
				ioEx.addSuppressed(ex);
				throw new UncheckedIOException("Cannot tell which user this process runs as", ioEx);
			}
		}
	}

}
