package io.github.udsgrpc.test;

import java.util.List;

/**
 * No directory on this machine is short enough to hold a test socket, or none could be written.
 */
public class NoShortSocketDirectoryException extends IllegalStateException {

	private final int maxBaseLength;

	NoShortSocketDirectoryException(int limit, int room, int maxBaseLength, List<String> refusals) {
		super("No directory for a test socket: a Unix socket path may have at most " + limit
				+ " bytes on this platform, so a base directory may have at most " + maxBaseLength
				+ " bytes, to leave room for a new directory and a socket name of " + room + " bytes. Tried: "
				+ (refusals.isEmpty() ? "nothing (java.io.tmpdir and TMPDIR unset, no /tmp)"
						: String.join("; ", refusals))
				+ ".");
		this.maxBaseLength = maxBaseLength;
	}

	/**
	 * What to do about it.
	 * @return advice naming the length a base directory may have
	 */
	public String action() {
		return "Point TMPDIR, or java.io.tmpdir (-Djava.io.tmpdir=...), at a writable directory of at most "
				+ this.maxBaseLength + " bytes, such as /tmp.";
	}

}
