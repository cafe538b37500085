package io.github.udsgrpc.socket;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalNotFoundException;

import io.github.udsgrpc.socket.SocketFileException.Reason;

/**
 * The life of one socket file, done so that nothing is lost, nothing is stolen and no client connects before
 * the file has its mode.
 *
 * <ol>
 * <li>{@link #prepare()} checks the path's length and parent directory (creating it if allowed,
 * {@link SocketDirectory}), refuses anything at the path that is not a socket and any socket a live server answers
 * on ({@link PathOccupant}), and returns a path inside a fresh private directory ({@code 0700}) to bind to. Netty
 * unlinks whatever is at the path it binds, so it never gets the real path.</li>
 * <li>Once the server listens there, {@link #publish()} sets the file's mode and group, removes a stale socket
 * at the real path, and hard-links the socket into place. {@code link(2)} never replaces an existing file, so a
 * file that appeared meanwhile is left alone. Until then the socket is reachable only through the private
 * directory, so no client can connect while it has the mode the umask gave it.</li>
 * <li>{@link #remove()} deletes the file at shutdown only if it is still the one published (same device and
 * inode), so a successor that already bound the path keeps its socket.</li>
 * </ol>
 */
public final class SocketFile {

	private static final System.Logger logger = System.getLogger(SocketFile.class.getName());

	private static final String STAGED_NAME = "s";

	private final String listenerName;

	private final Path path;

	private final SocketFileSettings settings;

	private final int pathLimit;

	private Path stagingDirectory;

	private FileIdentity published;

	/**
	 * Creates the socket file's keeper; nothing is touched until {@link #prepare()}.
	 * @param listenerName the listener's name, for messages
	 * @param path the socket path; a relative one is resolved against the working directory
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

	SocketFileSettings settings() {
		return this.settings;
	}

	/**
	 * Checks that the socket can be put in place and returns the private path to bind to.
	 * @return the path to bind the listening socket to
	 * @throws SocketFileException if the socket cannot or must not be put in place
	 */
	public synchronized Path prepare() throws SocketFileException {
		checkLength(this.path, "");
		lookUpGroup();
		SocketDirectory.ensure(this);
		PathOccupant.clear(this);
		this.stagingDirectory = SocketDirectory.createPrivate(this);
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
			PathOccupant.clear(this);
			Files.createLink(this.path, staged);
			abandon();
			this.published = FileIdentity.of(this.path);
		}
		catch (FileAlreadyExistsException ex) {
			throw failure(Reason.IN_USE,
					": another process put a file there while this one was starting; it was left untouched", ex);
		}
		catch (SocketFileException ex) {
			throw ex;
		}
		catch (IOException ex) {
			throw failure(Reason.PUBLISH, ": could not give the socket its mode or move it into place: " + ex, ex);
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
			SocketDirectory.removePrivate(directory, STAGED_NAME);
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
				logger.log(Level.INFO, "Left " + this.path + " in place: another server has bound it since this one did");
				return false;
			}
			Files.delete(this.path);
			return true;
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		catch (IOException ex) {
			logger.log(Level.WARNING, "Could not remove socket file " + this.path + ": " + ex);
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

	/**
	 * The exception for a reason, its message led by this socket and listener.
	 * @param reason what stood in the way
	 * @param detail the rest of the message, from its colon on
	 * @param cause what the operating system reported, or {@code null}
	 * @return the exception
	 */
	SocketFileException failure(Reason reason, String detail, Throwable cause) {
		return new SocketFileException(reason, this.listenerName, this.path,
				"Socket " + this.path + " (listener '" + this.listenerName + "')" + detail, cause);
	}

	private void checkLength(Path candidate, String detail) throws SocketFileException {
		int length = SocketPathLimit.length(candidate);
		if (length > this.pathLimit) {
			throw failure(Reason.PATH_TOO_LONG, ": path " + candidate + " is " + length + " bytes long, and a Unix "
					+ "socket path may be at most " + this.pathLimit + " bytes on " + System.getProperty("os.name")
					+ detail, null);
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
			throw failure(Reason.GROUP, ": group '" + this.settings.group() + "' does not exist", ex);
		}
		catch (IOException ex) {
			throw failure(Reason.GROUP, ": could not look up group '" + this.settings.group() + "': " + ex, ex);
		}
	}

	private void setGroup(Path staged, GroupPrincipal group) throws SocketFileException {
		try {
			Files.getFileAttributeView(staged, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setGroup(group);
		}
		catch (IOException ex) {
			throw failure(Reason.GROUP, ": could not give the socket to group '" + this.settings.group()
					+ "' (a process may only give files to groups it is a member of): " + ex, ex);
		}
	}

}
