package io.github.udsgrpc.boot4.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finds an exception of a type among the causes of a startup failure.
 */
public final class Causes {

	private Causes() {
	}

	public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		assertThat(failure).as("a %s among the causes", type.getSimpleName()).isNull();
		return null;
	}

}
