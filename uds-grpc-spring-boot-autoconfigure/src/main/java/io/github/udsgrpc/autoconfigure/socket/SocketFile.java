package io.github.udsgrpc.autoconfigure.socket;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;

import io.github.udsgrpc.autoconfigure.socket.SocketFileException.Reason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The life of one socket file, done so that nothing is lost, nothing is stolen and no client connects before
 * the file has its mode.
 *
 * <ol>
 * <li>{@link #prepare()} checks the path's length and parent directory (creating it if allowed), refuses
 * anything at the path that is not a socket and any socket a live server answers on, and returns a path inside
 * a fresh private directory ({@code 0700}) to bind to. Netty unlinks whatever is at the path it binds, so it
 * never gets the real path.</li>
 * <li>Once the server listens there, {@link #publish()} sets the file's mode and group, removes a stale socket
 * at the real path, and hard-links the socket into place. {@code link(2)} never replaces an existing file, so a
 * file that appeared meanwhile is left alone. Until then the socket is reachable only through the private
 * directory, so no client can connect while it has the mode the umask gave it.</li>
 * <li>{@link #remove()} deletes the file at shutdown only if it is still the one published (same device and
 * inode), so a successor that already bound the path keeps its socket.</li>
 * </ol>
 */
public final class SocketFile {

	private static final Log logger = LogFactory.getLog(SocketFile.class);

	private static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final String STAGED_NAME = "s";

	private static final SecureRandom random = new SecureRandom();

	private final String listenerName;

	private final Path path;

	private final SocketFileSettings settings;

	private final int pathLimit;

	private Path stagingDirectory;

	private FileIdentity published;

	/**
	 * Creates the socket file's keeper; nothing is touched until {@link #prepare()}.
	 * @param listenerName the listener's name, for messages
	 * @param path the absolute socket path
	 * @param settings mode, group and directory settings
	 */
	public SocketFile(String listenerName, Path path, SocketFileSettings settings) {
		this(listenerName, path, settings, SocketPathLimit.current());
	}

	SocketFile(String listenerName, Path path, SocketFileSettings settings, int pathLimit) {
		this.listenerName = listenerName;
		this.path = path.toAbsolutePath().normalize();
		this.settings = settings;
		this.pathLimit = pathLimit;
	}

	/**
	 * The socket's path.
	 * @return the absolute path
	 */
	public Path path() {
		return this.path;
	}

	/**
	 * Checks that the socket can be put in place and returns the private path to bind to.
	 * @return the path to bind the listening socket to
	 * @throws SocketFileException if the socket cannot or must not be put in place
	 */
	public synchronized Path prepare() throws SocketFileException {
		checkLength(this.path, "");
		Path directory = this.path.getParent();
		lookUpGroup();
		ensureDirectory(directory);
		checkExisting();
		this.stagingDirectory = createStagingDirectory(directory);
		Path staged = this.stagingDirectory.resolve(STAGED_NAME);
		try {
			checkLength(staged, " (with the private name " + this.path.getParent().relativize(staged)
					+ " it is bound under first, which needs 9 bytes after the directory)");
		}
		catch (SocketFileException ex) {
			abandon();
			throw ex;
		}
		return staged;
	}

	/**
	 * Gives the bound socket its mode and group and moves it into place.
	 * @throws SocketFileException if that fails; the caller closes the listening socket
	 */
	public synchronized void publish() throws SocketFileException {
		if (this.stagingDirectory == null) {
			throw new IllegalStateException("prepare() first");
		}
		Path staged = this.stagingDirectory.resolve(STAGED_NAME);
		try {
			Files.setPosixFilePermissions(staged, this.settings.fileMode());
			GroupPrincipal group = lookUpGroup();
			if (group != null) {
				setGroup(staged, group);
			}
			// A server may have started on the path since prepare(), or the socket there gone stale.
			checkExisting();
			Files.createLink(this.path, staged);
			abandon();
			this.published = FileIdentity.of(this.path);
		}
		catch (FileAlreadyExistsException ex) {
			throw new SocketFileException(Reason.IN_USE, this.path, describe()
					+ ": another process put a file there while this one was starting; it was left untouched", ex);
		}
		catch (SocketFileException ex) {
			throw ex;
		}
		catch (IOException ex) {
			throw new SocketFileException(Reason.PUBLISH, this.path,
					describe() + ": could not give the socket its mode or move it into place: " + ex, ex);
		}
		finally {
			abandon();
		}
	}

	/**
	 * Removes the private directory, if any, and the socket name in it.
	 */
	public synchronized void abandon() {
		Path directory = this.stagingDirectory;
		this.stagingDirectory = null;
		if (directory != null) {
			try {
				Files.deleteIfExists(directory.resolve(STAGED_NAME));
				Files.deleteIfExists(directory);
			}
			catch (IOException ex) {
				logger.warn("Could not remove the private directory " + directory + ": " + ex);
			}
		}
	}

	/**
	 * Deletes the socket file if it is still the one {@link #publish()} put there. Call it while the listening
	 * socket is still open: the bound socket keeps its inode alive, so no other file can carry the same inode
	 * number. Once it is closed, the file system may give that number to the next socket made at the path (tmpfs
	 * does so at once), and a successor's socket would look like ours.
	 * @return true if it was deleted
	 */
	public synchronized boolean remove() {
		FileIdentity ours = this.published;
		this.published = null;
		if (ours == null) {
			return false;
		}
		try {
			FileIdentity now = FileIdentity.of(this.path);
			if (!ours.equals(now)) {
				logger.info("Left " + this.path + " in place: another server has bound it since this one did");
				return false;
			}
			Files.delete(this.path);
			return true;
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		catch (IOException ex) {
			logger.warn("Could not remove socket file " + this.path + ": " + ex);
			return false;
		}
	}

	/**
	 * Whether the file at the path is the socket this keeper published.
	 * @return true while the published socket is in place
	 */
	public synchronized boolean isInPlace() {
		try {
			return this.published != null && this.published.equals(FileIdentity.of(this.path));
		}
		catch (IOException ex) {
			return false;
		}
	}

	private String describe() {
		return "Socket " + this.path + " (listener '" + this.listenerName + "')";
	}

	private void checkLength(Path candidate, String detail) throws SocketFileException {
		int length = SocketPathLimit.length(candidate);
		if (length > this.pathLimit) {
			throw new SocketFileException(Reason.PATH_TOO_LONG, this.path,
					describe() + ": path " + candidate + " is " + length + " bytes long, and a Unix socket path may be at most "
							+ this.pathLimit + " bytes on " + System.getProperty("os.name") + detail,
					null);
		}
	}

	private void ensureDirectory(Path directory) throws SocketFileException {
		if (Files.isDirectory(directory)) {
			if (!Files.isWritable(directory)) {
				throw new SocketFileException(Reason.DIRECTORY_NOT_WRITABLE, this.path,
						describe() + ": this process may not create files in directory " + directory, null);
			}
			return;
		}
		if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
			throw new SocketFileException(Reason.DIRECTORY_UNUSABLE, this.path,
					describe() + ": " + directory + " is not a directory", null);
		}
		if (!this.settings.createDirectories()) {
			throw new SocketFileException(Reason.DIRECTORY_MISSING, this.path,
					describe() + ": directory " + directory + " does not exist (grpc.uds.create-directories is false)",
					null);
		}
		createDirectories(directory);
	}

	private void createDirectories(Path directory) throws SocketFileException {
		Deque<Path> missing = new ArrayDeque<>();
		for (Path candidate = directory; candidate != null && !Files.exists(candidate); candidate = candidate.getParent()) {
			missing.push(candidate);
		}
		for (Path created : missing) {
			try {
				Files.createDirectory(created);
				Files.setPosixFilePermissions(created, this.settings.directoryMode());
				logger.info("Created directory " + created + " with mode " + FileModes.describe(this.settings.directoryMode()));
			}
			catch (FileAlreadyExistsException ex) {
				// Made by another process meanwhile: fine, as long as it is a directory.
				if (!Files.isDirectory(created)) {
					throw new SocketFileException(Reason.DIRECTORY_UNUSABLE, this.path,
							describe() + ": " + created + " is not a directory", ex);
				}
			}
			catch (IOException ex) {
				throw new SocketFileException(Reason.DIRECTORY_UNUSABLE, this.path,
						describe() + ": could not create directory " + created + ": " + ex, ex);
			}
		}
	}

	/**
	 * Refuses anything but a stale socket at the path, and removes a stale one.
	 */
	private void checkExisting() throws SocketFileException {
		Map<String, Object> attributes;
		try {
			attributes = Files.readAttributes(this.path, "unix:mode,dev,ino", LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			return;
		}
		catch (IOException ex) {
			throw new SocketFileException(Reason.UNKNOWN_SOCKET, this.path,
					describe() + ": cannot read what is at the path: " + ex, ex);
		}
		int type = (Integer) attributes.get("mode") & FileIdentity.S_IFMT;
		if (type != FileIdentity.S_IFSOCK) {
			throw new SocketFileException(Reason.NOT_A_SOCKET, this.path, describe() + ": the path is taken by "
					+ kindOf(type) + ", not a socket; it was left untouched", null);
		}
		SocketProbe.Result probe = SocketProbe.probe(this.path);
		switch (probe.liveness()) {
			case LIVE -> throw new SocketFileException(Reason.IN_USE, this.path,
					describe() + ": in use by a live server, which answered on it; it was left untouched", null);
			case STALE -> removeStale(FileIdentity.of(attributes));
			case UNKNOWN -> throw new SocketFileException(Reason.UNKNOWN_SOCKET, this.path, describe()
					+ ": a socket is there, and whether a server answers on it cannot be told (" + probe.failure()
					+ "); it was left untouched", null);
		}
	}

	private String kindOf(int type) {
		if (type == FileIdentity.S_IFLNK) {
			try {
				return "a symbolic link to " + Files.readSymbolicLink(this.path);
			}
			catch (IOException ex) {
				return "a symbolic link";
			}
		}
		if (type == FileIdentity.S_IFREG) {
			try {
				return "a regular file of " + Files.size(this.path) + " bytes";
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

	private void removeStale(FileIdentity stale) throws SocketFileException {
		try {
			// Delete only the socket that was probed: if it was replaced meanwhile, the replacement is not ours.
			if (stale.equals(FileIdentity.of(this.path))) {
				Files.delete(this.path);
				logger.info("Removed stale socket " + this.path + ": no server answered on it");
			}
		}
		catch (NoSuchFileException ex) {
			// Gone already.
		}
		catch (IOException ex) {
			throw new SocketFileException(Reason.UNKNOWN_SOCKET, this.path,
					describe() + ": could not remove the stale socket there: " + ex, ex);
		}
	}

	private GroupPrincipal lookUpGroup() throws SocketFileException {
		if (this.settings.group() == null) {
			return null;
		}
		try {
			return this.path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(this.settings.group());
		}
		catch (UserPrincipalNotFoundException ex) {
			throw new SocketFileException(Reason.GROUP, this.path,
					describe() + ": group '" + this.settings.group() + "' does not exist", ex);
		}
		catch (IOException ex) {
			throw new SocketFileException(Reason.GROUP, this.path,
					describe() + ": could not look up group '" + this.settings.group() + "': " + ex, ex);
		}
	}

	private void setGroup(Path staged, GroupPrincipal group) throws SocketFileException {
		try {
			Files.getFileAttributeView(staged, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setGroup(group);
		}
		catch (IOException ex) {
			throw new SocketFileException(Reason.GROUP, this.path, describe() + ": could not give the socket to group '"
					+ this.settings.group() + "' (a process may only give files to groups it is a member of): " + ex, ex);
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

	private static Path createStagingDirectory(Path directory) throws SocketFileException {
		for (int attempt = 0; attempt < 20; attempt++) {
			Path candidate = directory.resolve(".u" + randomName(4));
			try {
				return Files.createDirectory(candidate, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
			}
			catch (FileAlreadyExistsException ex) {
				// Try another name.
			}
			catch (AccessDeniedException ex) {
				throw new SocketFileException(Reason.DIRECTORY_NOT_WRITABLE, directory,
						"This process may not create files in directory " + directory, ex);
			}
			catch (IOException ex) {
				throw new SocketFileException(Reason.DIRECTORY_UNUSABLE, directory,
						"Could not create a private directory in " + directory + ": " + ex, ex);
			}
		}
		throw new SocketFileException(Reason.DIRECTORY_UNUSABLE, directory,
				"Could not find a free name for a private directory in " + directory, null);
	}

}
