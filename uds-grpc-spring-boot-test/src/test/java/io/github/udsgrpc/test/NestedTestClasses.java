package io.github.udsgrpc.test;

import java.util.Arrays;
import java.util.List;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs test classes in this JVM through the JUnit test kit, for tests about what happens between and after
 * test classes (context caching, clean-up).
 */
final class NestedTestClasses {

	private NestedTestClasses() {
	}

	/**
	 * Runs the classes and checks that all their tests passed, showing why any did not.
	 * @param expectedTests how many tests the classes have
	 * @param classes the test classes
	 */
	static void runAndExpectSuccess(int expectedTests, Class<?>... classes) {
		Events tests = EngineTestKit.engine("junit-jupiter")
			.selectors(Arrays.stream(classes).map(DiscoverySelectors::selectClass).toArray(DiscoverySelector[]::new))
			.execute()
			.testEvents();
		List<String> failures = tests.failed()
			.stream()
			.map((event) -> event.getTestDescriptor().getDisplayName() + ": "
					+ event.getRequiredPayload(TestExecutionResult.class).getThrowable().map(Throwable::toString).orElse("?"))
			.toList();
		assertThat(failures).isEmpty();
		assertThat(tests.succeeded().count()).isEqualTo(expectedTests);
	}

}
