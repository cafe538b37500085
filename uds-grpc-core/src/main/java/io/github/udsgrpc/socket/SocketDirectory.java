package io.github.udsgrpc.socket;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

import io.github.udsgrpc.socket.SocketFileException.Reason;

/**
 * The directory a socket file lives in: made with its mode when missing (if allowed), checked to be one this
 * process may create files in, and the private directory inside it that the socket is bound in first.
 */
final class SocketDirectory {

	private static final System.Logger logger = System.getLogger(SocketFile.class.getName());

	private static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final SecureRandom random = new SecureRandom();

	private SocketDirectory() {
	}

	/**
	 * Makes sure the socket's directory exists and this process may create files in it.
	 * @param file the socket file, for its path, settings and messages
	 * @throws SocketFileException if it is missing and may not be made, or unusable
	 */
	static void ensure(SocketFile file) throws SocketFileException {
		Path directory = file.path().getParent();
		if (Files.isDirectory(directory)) {
			if (!Files.isWritable(directory)) {
				throw file.failure(Reason.DIRECTORY_NOT_WRITABLE,
						": this process may not create files in directory " + directory, null);
			}
			return;
		}
		if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
			throw file.failure(Reason.DIRECTORY_UNUSABLE, ": " + directory + " is not a directory", null);
		}
		if (!file.settings().createDirectories()) {
			throw file.failure(Reason.DIRECTORY_MISSING,
					": directory " + directory + " does not exist (grpc.uds.create-directories is false)", null);
		}
		create(file, directory);
	}

	private static void create(SocketFile file, Path directory) throws SocketFileException {
		Set<PosixFilePermission> mode = file.settings().directoryMode();
		Deque<Path> missing = new ArrayDeque<>();
		for (Path candidate = directory; candidate != null && !Files.exists(candidate); candidate = candidate.getParent()) {
			missing.push(candidate);
		}
		for (Path created : missing) {
			try {
				Files.createDirectory(created);
				Files.setPosixFilePermissions(created, mode);
				logger.log(Level.INFO, "Created directory " + created + " with mode " + FileModes.describe(mode));
			}
			catch (FileAlreadyExistsException ex) {
				// Made by another process meanwhile: fine, as long as it is a directory.
				if (!Files.isDirectory(created)) {
					throw file.failure(Reason.DIRECTORY_UNUSABLE, ": " + created + " is not a directory", ex);
				}
			}
			catch (IOException ex) {
				throw file.failure(Reason.DIRECTORY_UNUSABLE, ": could not create directory " + created + ": " + ex, ex);
			}
		}
	}

	/**
	 * Creates a private ({@code 0700}) directory with a random name beside the socket path.
	 * @param file the socket file
	 * @return the new directory
	 * @throws SocketFileException if none can be made
	 */
	static Path createPrivate(SocketFile file) throws SocketFileException {
		Path directory = file.path().getParent();
		for (int attempt = 0; attempt < 20; attempt++) {
			Path candidate = directory.resolve(".u" + randomName(4));
			try {
				return Files.createDirectory(candidate, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
			}
			catch (FileAlreadyExistsException ex) {
				// Try another name.
			}
			catch (AccessDeniedException ex) {
				throw file.failure(Reason.DIRECTORY_NOT_WRITABLE,
						": this process may not create files in directory " + directory, ex);
			}
			catch (IOException ex) {
				throw file.failure(Reason.DIRECTORY_UNUSABLE,
						": could not create a private directory in " + directory + ": " + ex, ex);
			}
		}
		throw file.failure(Reason.DIRECTORY_UNUSABLE,
				": could not find a free name for a private directory in " + directory, null);
	}

	/**
	 * Removes a private directory and the socket name in it.
	 * @param directory the directory
	 * @param name the name bound in it
	 */
	static void removePrivate(Path directory, String name) {
		try {
			Files.deleteIfExists(directory.resolve(name));
			Files.deleteIfExists(directory);
		}
		catch (IOException ex) {
			logger.log(Level.WARNING, "Could not remove the private directory " + directory + ": " + ex);
		}
	}

	private static String randomName(int length) {
		String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
		StringBuilder name = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			name.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return name.toString();
	}

}
