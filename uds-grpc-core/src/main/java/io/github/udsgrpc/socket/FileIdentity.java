package io.github.udsgrpc.socket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which file is at a path: device and inode, as {@code stat(2)} tells them. Two looks at a path that give the same
 * identity saw the same file, even if it was replaced under the same name in between.
 *
 * @param device the device number
 * @param inode the inode number
 */
record FileIdentity(long device, long inode) {

	static final int S_IFMT = 0170000;

	static final int S_IFSOCK = 0140000;

	static final int S_IFLNK = 0120000;

	static final int S_IFREG = 0100000;

	static final int S_IFDIR = 0040000;

	static FileIdentity of(Path path) throws IOException {
		return of(Files.readAttributes(path, "unix:dev,ino", LinkOption.NOFOLLOW_LINKS));
	}

	static FileIdentity of(Map<String, Object> attributes) {
		return new FileIdentity(((Number) attributes.get("dev")).longValue(), ((Number) attributes.get("ino")).longValue());
	}

}
