package io.github.udsgrpc.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A class path another user may read: the test classes and the jars a child JVM needs, copied into a directory of
 * mode 755 with files of mode 644. The build's own class path may not be readable to that user (root's home is
 * 0700; ~/.m2 and the work tree may be private).
 */
public final class SharedClassPath {

	private SharedClassPath() {
	}

	/**
	 * Copies the test classes and the jars of the test class path whose file names pass a filter.
	 * @param directory where to put them; it and its parents must be traversable by the other user
	 * @param jarNames which jars to copy, by file name
	 * @return the class path of the copies
	 */
	public static String copy(Path directory, Predicate<String> jarNames) {
		try {
			List<String> entries = new ArrayList<>();
			Path jars = directory.resolve("jars");
			Files.createDirectories(jars);
			// These helpers: a directory of classes in a reactor build, the core's test jar otherwise.
			Path helpers = JavaProcess.locationOf(JavaProcess.class);
			Path helpersCopy = directory.resolve(Files.isDirectory(helpers) ? "classes" : "helpers.jar");
			copyTree(helpers, helpersCopy);
			entries.add(helpersCopy.toString());
			for (Path jar : Arrays.stream(JavaProcess.testClassPath().split(File.pathSeparator)).map(Path::of).toList()) {
				String name = jar.getFileName().toString();
				if (name.endsWith(".jar") && jarNames.test(name)) {
					Path copy = jars.resolve(name);
					Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
					Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
					entries.add(copy.toString());
				}
			}
			Files.setPosixFilePermissions(jars, PosixFilePermissions.fromString("rwxr-xr-x"));
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
			return String.join(File.pathSeparator, entries);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A filter for the jars of a plain grpc-java client over Netty: gRPC, Netty, protobuf, Guava and their few
	 * dependencies.
	 * @param name a jar's file name
	 * @return true if a grpc-java client needs it
	 */
	public static boolean grpcClientJar(String name) {
		return Stream.of("grpc-", "netty-", "protobuf-", "guava-", "failureaccess-", "perfmark-", "gson-")
			.anyMatch(name::startsWith);
	}

	private static void copyTree(Path source, Path target) throws IOException {
		try (Stream<Path> files = Files.walk(source)) {
			for (Path file : files.toList()) {
				Path copy = target.resolve(source.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(copy);
					Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
				}
				else {
					Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
					Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
				}
			}
		}
	}

}
