package io.github.udsgrpc.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A socket path for one test application context (or one test method): {@link #path()} lies in a fresh private
 * directory, short enough for the kernel's socket path limit, which is deleted with everything in it when the
 * context closes. Nothing listens on it until the application does.
 *
 * @see AutoConfigureUdsSocket
 * @see UdsTestSocketExtension
 */
public final class UdsTestSocket {

	/** The socket's file name unless the annotation names another. */
	public static final String DEFAULT_SOCKET_NAME = "grpc.sock";

	private final Path directory;

	private final Path path;

	private UdsTestSocket(Path directory, String socketName) {
		this.directory = directory;
		this.path = directory.resolve(socketName);
	}

	static UdsTestSocket create(SocketDirectories directories, String socketName) {
		return new UdsTestSocket(directories.createPrivateDirectory(socketName), socketName);
	}

	/**
	 * The private directory (mode {@code rwx------}) the socket lives in; further sockets may go there too.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * The socket's path, what {@code grpc.uds.path} is set to.
	 * @return the absolute path
	 */
	public Path path() {
		return this.path;
	}

	/**
	 * The gRPC target that dials the socket, what the named clients' {@code address} (net.devh) or {@code target}
	 * (Spring Boot 4.1) is set to.
	 * @return {@code unix:} followed by the path
	 */
	public String target() {
		return "unix:" + this.path;
	}

	/**
	 * Deletes the directory and whatever is left in it (a server normally removes its socket itself).
	 */
	void delete() {
		deleteTree(this.directory);
	}

	static void deleteTree(Path directory) {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(directory)) {
			files = walk.sorted(Comparator.reverseOrder()).toList();
		}
		catch (NoSuchFileException ex) {
			return;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not list test socket directory " + directory, ex);
		}
		for (Path file : files) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not delete " + file + " of test socket directory " + directory,
						ex);
			}
		}
	}

	@Override
	public String toString() {
		return target();
	}

}
