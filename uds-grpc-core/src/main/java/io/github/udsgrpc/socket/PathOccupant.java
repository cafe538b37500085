package io.github.udsgrpc.socket;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import io.github.udsgrpc.socket.SocketFileException.Reason;

/**
 * Whatever is at a socket path before this process puts its socket there: nothing, a stale socket (removed), or
 * something that must be left alone (refused): a file, directory, link or device, a socket a live server answers
 * on, or a socket whose liveness cannot be told.
 */
final class PathOccupant {

	private static final System.Logger logger = System.getLogger(SocketFile.class.getName());

	private PathOccupant() {
	}

	/**
	 * Leaves the path free, removing a stale socket, or refuses.
	 * @param file the socket file whose path to clear
	 * @throws SocketFileException if anything but a stale socket is there
	 */
	static void clear(SocketFile file) throws SocketFileException {
		Path path = file.path();
		Map<String, Object> attributes;
		try {
			attributes = Files.readAttributes(path, "unix:mode,dev,ino", LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			return;
		}
		catch (IOException ex) {
			throw file.failure(Reason.UNKNOWN_SOCKET, ": cannot read what is at the path: " + ex, ex);
		}
		int type = (Integer) attributes.get("mode") & FileIdentity.S_IFMT;
		if (type != FileIdentity.S_IFSOCK) {
			throw file.failure(Reason.NOT_A_SOCKET,
					": the path is taken by " + kindOf(path, type) + ", not a socket; it was left untouched", null);
		}
		SocketProbe.Result probe = SocketProbe.probe(path);
		switch (probe.liveness()) {
			case LIVE -> throw file.failure(Reason.IN_USE,
					": in use by a live server, which answered on it; it was left untouched", null);
			case STALE -> removeStale(file, FileIdentity.of(attributes));
			case UNKNOWN -> throw file.failure(Reason.UNKNOWN_SOCKET, ": a socket is there, and whether a server "
					+ "answers on it cannot be told (" + probe.failure() + "); it was left untouched", null);
		}
	}

	private static String kindOf(Path path, int type) {
		if (type == FileIdentity.S_IFLNK) {
			try {
				return "a symbolic link to " + Files.readSymbolicLink(path);
			}
			catch (IOException ex) {
				return "a symbolic link";
			}
		}
		if (type == FileIdentity.S_IFREG) {
			try {
				return "a regular file of " + Files.size(path) + " bytes";
			}
			catch (IOException ex) {
				return "a regular file";
			}
		}
		if (type == FileIdentity.S_IFDIR) {
			return "a directory";
		}
		return "a special file (device or FIFO)";
	}

	private static void removeStale(SocketFile file, FileIdentity stale) throws SocketFileException {
		Path path = file.path();
		try {
			// Delete only the socket that was probed: if it was replaced meanwhile, the replacement is not ours.
			if (stale.equals(FileIdentity.of(path))) {
				Files.delete(path);
				logger.log(Level.INFO, "Removed stale socket " + path + ": no server answered on it");
			}
		}
		catch (NoSuchFileException ex) {
			// Gone already.
		}
		catch (IOException ex) {
			throw file.failure(Reason.UNKNOWN_SOCKET, ": could not remove the stale socket there: " + ex, ex);
		}
	}

}
