package io.github.udsgrpc.boot.diagnostics;

import io.github.udsgrpc.socket.SocketFileException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains why a socket file could not be put in place, and what to do, like Boot's "port already in use".
 */
class SocketFileFailureAnalyzer extends AbstractFailureAnalyzer<SocketFileException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SocketFileException cause) {
		return new FailureAnalysis(cause.getMessage() + ".", action(cause), cause);
	}

	private static String action(SocketFileException cause) {
		String path = String.valueOf(cause.getPath());
		String directory = String.valueOf(cause.getPath().getParent());
		return switch (cause.getReason()) {
			case PATH_TOO_LONG -> "Use a shorter socket path, for example under /run/<app>/ or /tmp/<app>/. The limit is "
					+ "the kernel's (sun_path), not the starter's.";
			case DIRECTORY_MISSING -> "Create " + directory + " (systemd: RuntimeDirectory=), or set "
					+ "grpc.uds.create-directories=true to let the application create it.";
			case DIRECTORY_UNUSABLE -> "Check the directories on the way to " + path
					+ ": each must be a directory this process may enter and create files in.";
			case DIRECTORY_NOT_WRITABLE -> "Let this process's user create files in " + directory
					+ " (owner or group write permission), or choose a directory it owns, such as $XDG_RUNTIME_DIR or a "
					+ "systemd RuntimeDirectory=.";
			case NOT_A_SOCKET -> "The starter deletes nothing but a stale socket. Move or delete what is at " + path
					+ " yourself if it is not needed, or choose another grpc.uds.path.";
			case IN_USE -> "Another server, perhaps another instance of this application, serves on " + path
					+ ". Stop it first, or give this instance another socket path.";
			case UNKNOWN_SOCKET -> "Check who owns " + path + " (ls -l " + path + ") and remove it if no server uses it.";
			case GROUP -> "Create the group, make this process's user a member of it, or unset grpc.uds.group.";
			case PUBLISH -> "Check that the file system of " + directory
					+ " supports Unix sockets, permissions and hard links (most local file systems do).";
		};
	}

}
