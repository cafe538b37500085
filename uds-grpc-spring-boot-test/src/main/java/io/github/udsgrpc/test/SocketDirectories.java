package io.github.udsgrpc.test;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.github.udsgrpc.socket.SocketPathLimit;

/**
 * Finds a base directory short enough for sockets and makes private directories under it. Build folders and
 * macOS's per-user temp dirs can be too deep for a socket path (107 bytes on Linux, 103 on macOS), so the bases
 * are tried in order: {@code java.io.tmpdir}, {@code $TMPDIR}, {@code /tmp}.
 */
final class SocketDirectories {

	/**
	 * Bytes kept free below a new directory, whatever the socket's own name: room for a second socket, and for the
	 * starter's private bind name ({@code .uXXXX/s}, 9 bytes).
	 */
	static final int NAME_ROOM = 24;

	private static final String PREFIX = "uds";

	private static final int RANDOM_CHARS = 8;

	private static final int ATTEMPTS = 100;

	/** Base directory to where it came from (e.g. "java.io.tmpdir"); equal paths share one entry. */
	private final Map<Path, String> bases;

	private final int limit;

	SocketDirectories(List<Candidate> candidates, int limit) {
		this.bases = new LinkedHashMap<>();
		for (Candidate candidate : candidates) {
			this.bases.merge(candidate.path(), candidate.source(), (first, second) -> first + " and " + second);
		}
		this.limit = limit;
	}

	/**
	 * The bases of this machine, read now (not cached), so a changed {@code java.io.tmpdir} counts.
	 * @return the directories to try, in order
	 */
	static SocketDirectories forThisMachine() {
		List<Candidate> candidates = new ArrayList<>();
		addCandidate(candidates, "java.io.tmpdir", System.getProperty("java.io.tmpdir"));
		addCandidate(candidates, "TMPDIR", System.getenv("TMPDIR"));
		addCandidate(candidates, "/tmp", "/tmp");
		return new SocketDirectories(candidates, SocketPathLimit.current());
	}

	private static void addCandidate(List<Candidate> candidates, String source, String value) {
		if (value == null || value.isBlank()) {
			return;
		}
		try {
			candidates.add(new Candidate(source, Path.of(value).toAbsolutePath().normalize()));
		}
		catch (InvalidPathException ex) {
			// Not a path at all: nothing to try there.
		}
	}

	/**
	 * Creates a fresh directory, mode {@code rwx------}, under the first base that leaves room for the socket.
	 * @param socketName the file name the socket will have in it
	 * @return the new directory
	 * @throws NoShortSocketDirectoryException if no base will do, naming each and why
	 */
	Path createPrivateDirectory(String socketName) {
		int room = Math.max(NAME_ROOM, SocketPathLimit.length(Path.of(socketName)));
		// base + "/" + PREFIX + random + "/" + name
		int maxBaseLength = this.limit - room - PREFIX.length() - RANDOM_CHARS - 2;
		List<String> refusals = new ArrayList<>();
		for (Map.Entry<Path, String> base : this.bases.entrySet()) {
			Path path = base.getKey();
			String where = base.getValue() + " (" + path + ")";
			int length = SocketPathLimit.length(path);
			if (length > maxBaseLength) {
				refusals.add(where + ": " + length + " bytes, too long");
			}
			else if (!Files.isDirectory(path)) {
				refusals.add(where + ": not a directory");
			}
			else {
				try {
					return createUnder(path);
				}
				catch (IOException ex) {
					refusals.add(where + ": cannot create a directory in it (" + ex + ")");
				}
			}
		}
		throw new NoShortSocketDirectoryException(this.limit, room, maxBaseLength, refusals);
	}

	private static Path createUnder(Path base) throws IOException {
		FileAttribute<?>[] privateMode = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
				? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")) }
				: new FileAttribute<?>[0];
		for (int attempt = 0;; attempt++) {
			try {
				return Files.createDirectory(base.resolve(PREFIX + randomChars()), privateMode);
			}
			catch (FileAlreadyExistsException ex) {
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	private static String randomChars() {
		StringBuilder chars = new StringBuilder(RANDOM_CHARS);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < RANDOM_CHARS; i++) {
			chars.append(Character.forDigit(random.nextInt(36), 36));
		}
		return chars.toString();
	}

	/**
	 * A directory that may hold test sockets.
	 * @param source where it came from, for error messages
	 * @param path the directory
	 */
	record Candidate(String source, Path path) {
	}

}
