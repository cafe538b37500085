package io.github.udsgrpc.socket;

import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;

/**
 * How one socket file is created: its mode and group, and how a missing parent directory is made.
 *
 * @param fileMode the socket file's permissions, in force before any client can connect
 * @param group the socket file's group, or {@code null} to keep the process's
 * @param createDirectories whether a missing parent directory is created
 * @param directoryMode the permissions of each directory created
 */
public record SocketFileSettings(Set<PosixFilePermission> fileMode, String group, boolean createDirectories,
		Set<PosixFilePermission> directoryMode) {

	/**
	 * The defaults, as the starters' properties have them: {@code rw-rw----} (owner and group may connect), the
	 * process's group, missing directories created with {@code rwxr-x---}.
	 */
	public static final SocketFileSettings DEFAULTS = new SocketFileSettings(FileModes.parse("file mode", "rw-rw----"),
			null, true, FileModes.parse("directory mode", "rwxr-x---"));

	public SocketFileSettings {
		fileMode = Set.copyOf(Objects.requireNonNull(fileMode, "fileMode"));
		directoryMode = Set.copyOf(Objects.requireNonNull(directoryMode, "directoryMode"));
		group = (group != null && !group.isBlank()) ? group.trim() : null;
	}

	/**
	 * The same settings with another mode.
	 * @param mode the socket file's permissions
	 * @return new settings
	 */
	public SocketFileSettings withFileMode(Set<PosixFilePermission> mode) {
		return new SocketFileSettings(mode, this.group, this.createDirectories, this.directoryMode);
	}

	/**
	 * The same settings with another group.
	 * @param newGroup the socket file's group, or {@code null}
	 * @return new settings
	 */
	public SocketFileSettings withGroup(String newGroup) {
		return new SocketFileSettings(this.fileMode, newGroup, this.createDirectories, this.directoryMode);
	}

}
