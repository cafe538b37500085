package io.github.udsgrpc.boot.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.github.udsgrpc.server.UdsListenerStatus;
import io.github.udsgrpc.socket.FileModes;
import io.github.udsgrpc.socket.UdsAddress;

/**
 * The health of one socket listener, the same for both Spring Boot lines' health indicators: up while its server
 * listens and the file at its path is the socket it bound. A deleted or replaced file is down even though the
 * server still runs, because no new client can reach the server: connecting goes through the path.
 *
 * @param up whether clients can reach the listener
 * @param details what the health endpoint shows for it
 */
public record SocketListenerHealth(boolean up, Map<String, Object> details) {

	private static final int S_IFMT = 0170000;

	private static final int S_IFSOCK = 0140000;

	private static final int S_IFREG = 0100000;

	private static final int S_IFDIR = 0040000;

	private static final int S_IFLNK = 0120000;

	/**
	 * The health of a listener, from its status and the file at its path.
	 * @param status what the listener is doing
	 * @return whether it is up, and the details the health endpoint shows
	 */
	public static SocketListenerHealth of(UdsListenerStatus status) {
		UdsAddress address = status.listener().address();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("path", address.toString());
		details.put("listening", status.listening());
		details.put("connections", status.openConnections());
		if (status.listener().limits().isLimited()) {
			details.put("maxConnections", status.listener().limits().maxConnections());
		}
		details.put("refusedConnections", status.refusedConnections());
		details.put("acceptFailures", status.acceptFailures());
		String problem = address.isAbstract() ? null : fileProblem(address.path(), status, details);
		if (!status.listening()) {
			problem = "the gRPC server is not listening on this socket";
		}
		if (problem != null) {
			details.put("problem", problem);
		}
		return new SocketListenerHealth(problem == null, details);
	}

	/** Describes the file at the path; an abstract name has none, and lasts as long as the server listens. */
	private static String fileProblem(Path path, UdsListenerStatus status, Map<String, Object> details) {
		String problem = null;
		try {
			Map<String, Object> file = Files.readAttributes(path, "unix:mode,permissions,owner,group",
					LinkOption.NOFOLLOW_LINKS);
			String kind = kindOf((Integer) file.get("mode"));
			details.put("file", kind);
			@SuppressWarnings("unchecked")
			Set<PosixFilePermission> permissions = (Set<PosixFilePermission>) file.get("permissions");
			details.put("mode", FileModes.describe(permissions));
			details.put("owner", ((UserPrincipal) file.get("owner")).getName());
			details.put("group", ((GroupPrincipal) file.get("group")).getName());
			if (!status.socketFileInPlace()) {
				problem = "the file at the path is " + ("socket".equals(kind) ? "another socket" : "a " + kind)
						+ ", not the one this server bound: clients reach that instead of this server";
			}
		}
		catch (NoSuchFileException ex) {
			details.put("file", "missing");
			problem = "the socket file is missing, so no client can connect";
		}
		catch (IOException | RuntimeException ex) {
			details.put("file", "unreadable");
			problem = "the file at the path cannot be inspected: " + ex;
		}
		return problem;
	}

	private static String kindOf(int mode) {
		return switch (mode & S_IFMT) {
			case S_IFSOCK -> "socket";
			case S_IFREG -> "regular file";
			case S_IFDIR -> "directory";
			case S_IFLNK -> "symbolic link";
			default -> "special file";
		};
	}

}
