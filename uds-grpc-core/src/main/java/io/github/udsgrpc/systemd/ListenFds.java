package io.github.udsgrpc.systemd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The file descriptors systemd passed to this process, read from the environment as {@code sd_listen_fds(3)} reads
 * it: {@code LISTEN_PID} must be this process's pid, {@code LISTEN_FDS} counts the descriptors from 3 on, and
 * {@code LISTEN_FDNAMES} optionally names them, separated by colons.
 *
 * <p>
 * The descriptors belong to the process, not to an application context, and one context closes those it adopts;
 * a later context in the same JVM could find an unrelated file under the same number. So they are handed out once
 * per JVM, as {@code sd_listen_fds(1)} unsets the variables.
 */
final class ListenFds {

	/** The first passed descriptor: {@code SD_LISTEN_FDS_START}. */
	static final int FIRST_FD = 3;

	private static final AtomicBoolean taken = new AtomicBoolean();

	/**
	 * One passed descriptor.
	 *
	 * @param fd the descriptor number
	 * @param name its name from {@code LISTEN_FDNAMES}, or {@code null}
	 */
	record PassedFd(int fd, String name) {

		String describe() {
			return "fd " + this.fd + ((this.name != null) ? " (LISTEN_FDNAMES '" + this.name + "')" : "");
		}

	}

	/**
	 * What the environment says.
	 *
	 * @param fds the descriptors passed to this process, empty if none
	 * @param note why none were taken although {@code LISTEN_FDS} is set, or {@code null}
	 */
	record Result(List<PassedFd> fds, String note) {

	}

	private ListenFds() {
	}

	/**
	 * Takes the descriptors passed to this process, the first time in this JVM.
	 * @return the descriptors; empty if none were passed or another context took them
	 */
	static Result takeOnce() {
		Result result = read(System.getenv(), ProcessHandle.current().pid());
		if (result.fds().isEmpty()) {
			return result;
		}
		if (!taken.compareAndSet(false, true)) {
			return new Result(List.of(), "the descriptors systemd passed were already taken by an earlier application "
					+ "context in this JVM");
		}
		return result;
	}

	/**
	 * Reads the environment.
	 * @param environment the variables
	 * @param pid this process's pid
	 * @return the passed descriptors
	 */
	static Result read(Map<String, String> environment, long pid) {
		String count = environment.get("LISTEN_FDS");
		if (count == null) {
			return new Result(List.of(), null);
		}
		String listenPid = environment.get("LISTEN_PID");
		if (listenPid == null || !listenPid.trim().equals(Long.toString(pid))) {
			// Inherited from a parent that was activated itself: the descriptors are not ours.
			return new Result(List.of(), "LISTEN_FDS is set for pid " + listenPid + ", not for this process (pid "
					+ pid + ")");
		}
		int n;
		try {
			n = Integer.parseInt(count.trim());
		}
		catch (NumberFormatException ex) {
			return new Result(List.of(), "LISTEN_FDS is not a number: '" + count + "'");
		}
		String[] names = (environment.get("LISTEN_FDNAMES") != null) ? environment.get("LISTEN_FDNAMES").split(":", -1)
				: new String[0];
		List<PassedFd> fds = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			String name = (i < names.length && !names[i].isEmpty()) ? names[i] : null;
			fds.add(new PassedFd(FIRST_FD + i, name));
		}
		return new Result(List.copyOf(fds), null);
	}

}
