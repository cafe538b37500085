package io.github.udsgrpc.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A temporary directory with a short path. A socket path may be at most 107 bytes on Linux (103 on macOS); a
 * build folder can be deeper than that, and macOS's java.io.tmpdir is long too, so the tests' sockets go under
 * /tmp. As a {@code @RegisterExtension} field it is deleted after each test.
 */
public final class ShortTempDir implements AutoCloseable, AfterEachCallback {

	private final Path path;

	public ShortTempDir() {
		try {
			Path base = Files.isDirectory(Path.of("/tmp")) ? Path.of("/tmp") : Path.of(System.getProperty("java.io.tmpdir"));
			this.path = Files.createTempDirectory(base, "uds");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Path path() {
		return this.path;
	}

	public Path socket(String name) {
		return this.path.resolve(name);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		close();
	}

	@Override
	public void close() {
		try (Stream<Path> files = Files.walk(this.path)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
