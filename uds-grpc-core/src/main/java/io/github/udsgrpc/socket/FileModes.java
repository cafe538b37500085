package io.github.udsgrpc.socket;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads a file mode written either symbolically ({@code rw-rw----}) or in octal ({@code 660}, {@code 0660}).
 */
public final class FileModes {

	private static final PosixFilePermission[] ORDER = { PosixFilePermission.OWNER_READ,
			PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ,
			PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
			PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE };

	/** The forms a mode may be written in, for messages: {@value}. */
	public static final String FORMS = "a mode like 'rw-rw----' or '660'";

	private FileModes() {
	}

	/**
	 * Parses a mode.
	 * @param property what the mode is of, for the error message (a property or a listener's setting)
	 * @param mode {@code rw-rw----}, {@code 660} or {@code 0660}
	 * @return the permissions
	 * @throws IllegalArgumentException naming the property and the accepted forms
	 */
	public static Set<PosixFilePermission> parse(String property, String mode) {
		String value = (mode != null) ? mode.trim() : "";
		if (value.matches("0?[0-7]{3}")) {
			int bits = Integer.parseInt(value, 8);
			Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
			for (int i = 0; i < ORDER.length; i++) {
				if ((bits & (1 << (8 - i))) != 0) {
					permissions.add(ORDER[i]);
				}
			}
			return permissions;
		}
		try {
			return PosixFilePermissions.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(property + " must be " + FORMS + ", was '" + mode + "'", ex);
		}
	}

	/**
	 * Writes permissions as {@code rw-rw---- (0660)}.
	 * @param permissions the permissions
	 * @return both forms
	 */
	public static String describe(Set<PosixFilePermission> permissions) {
		int bits = 0;
		for (int i = 0; i < ORDER.length; i++) {
			if (permissions.contains(ORDER[i])) {
				bits |= 1 << (8 - i);
			}
		}
		return PosixFilePermissions.toString(permissions) + " (0" + Integer.toOctalString(bits) + ")";
	}

}
