package io.github.udsgrpc.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The user {@code nobody} and its group, for running a child process as another user with
 * {@code setpriv --reuid=nobody --regid=<group> --clear-groups}. Only root can do that: {@link #nobody()} skips the
 * test (a JUnit assumption, with the reason) when not running as root, without setpriv, or without such a user.
 *
 * @param setpriv the path of setpriv
 * @param user the user's name
 * @param group the name of the group to run in ({@code nogroup} or {@code nobody})
 * @param uid the user's id
 * @param gid the group's id
 */
public record OtherUser(String setpriv, String user, String group, long uid, long gid) {

	/**
	 * The user {@code nobody}, or skips the test.
	 * @return the user
	 * @throws IOException if the ids cannot be read
	 */
	public static OtherUser nobody() throws IOException {
		int ownUid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
		assumeTrue(ownUid == 0, "Needs root, to run a child process as another user (running as uid " + ownUid + ")");
		Optional<Path> setpriv = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
			.map((directory) -> Path.of(directory, "setpriv"))
			.filter(Files::isExecutable)
			.findFirst();
		assumeTrue(setpriv.isPresent(), "Needs setpriv (util-linux) on the PATH, to run a process as 'nobody'");
		UserPrincipalLookupService users = Path.of("/").getFileSystem().getUserPrincipalLookupService();
		UserPrincipal user;
		try {
			user = users.lookupPrincipalByName("nobody");
		}
		catch (UserPrincipalNotFoundException ex) {
			assumeTrue(false, "Needs a user 'nobody' to run a process as");
			return null;
		}
		for (String candidate : new String[] { "nogroup", "nobody" }) {
			try {
				GroupPrincipal group = users.lookupPrincipalByGroupName(candidate);
				return new OtherUser(setpriv.get().toString(), "nobody", candidate, idOf(user, null), idOf(null, group));
			}
			catch (UserPrincipalNotFoundException ex) {
				// Try the next name.
			}
		}
		assumeTrue(false, "Needs a group 'nogroup' or 'nobody' to run a process in");
		return null;
	}

	/**
	 * The command that runs what follows it as this user, in its group only.
	 * @return setpriv and its options
	 */
	public String[] wrapper() {
		return new String[] { this.setpriv, "--reuid=" + this.user, "--regid=" + this.group, "--clear-groups" };
	}

	/**
	 * A principal's numeric id, read back from a scratch file given that owner or group (the JDK has no direct
	 * lookup of ids).
	 */
	private static long idOf(UserPrincipal user, GroupPrincipal group) throws IOException {
		Path scratch = Files.createTempFile("uds-id", ".tmp");
		try {
			PosixFileAttributeView view = Files.getFileAttributeView(scratch, PosixFileAttributeView.class);
			if (user != null) {
				view.setOwner(user);
				return ((Number) Files.getAttribute(scratch, "unix:uid")).longValue();
			}
			view.setGroup(group);
			return ((Number) Files.getAttribute(scratch, "unix:gid")).longValue();
		}
		finally {
			Files.deleteIfExists(scratch);
		}
	}

}
