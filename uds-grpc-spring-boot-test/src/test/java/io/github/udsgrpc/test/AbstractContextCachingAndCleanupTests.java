package io.github.udsgrpc.test;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs several annotated test classes of one line's application in this JVM, as a build does, so that they meet
 * Spring's test-context cache, and checks which got which socket: equal configurations share a context and its
 * socket, any other configuration gets its own, and a closed context leaves no directory behind. (The nested classes
 * are not run by the build on their own: surefire skips nested classes.) Shared by both Spring Boot lines: each
 * line's module runs it through a subclass that names its {@link PingLine}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractContextCachingAndCleanupTests {

	/** What each nested test saw, in the order they ran. */
	static final List<Seen> seen = new CopyOnWriteArrayList<>();

	/** The line whose application the nested classes run, set before they run. */
	static volatile PingLine line;

	private final PingLine ownLine;

	/**
	 * Creates the tests for a Spring Boot line.
	 * @param line the line's ping application
	 */
	protected AbstractContextCachingAndCleanupTests(PingLine line) {
		this.ownLine = line;
	}

	@BeforeAll
	void runTheNestedTestClasses() {
		line = this.ownLine;
		seen.clear();
		NestedTestClasses.runAndExpectSuccess(5, FirstWithSameConfiguration.class, SecondWithSameConfiguration.class,
				OtherConfiguration.class, DirtiedAfterEachMethod.class);
	}

	@Test
	void classesWithTheSameConfigurationShareOneContextAndOneSocket() {
		Seen first = only(FirstWithSameConfiguration.class);
		Seen second = only(SecondWithSameConfiguration.class);
		assertThat(second.context()).isSameAs(first.context());
		assertThat(second.socket()).isSameAs(first.socket());
		assertThat(first.reply()).isEqualTo("pong hi");
		assertThat(second.reply()).isEqualTo("pong hi");
		// Still cached, still open: its directory lives as long as the context.
		assertThat(first.socket().directory()).isDirectory();
	}

	@Test
	void aClassWithAnotherConfigurationGetsItsOwnSocketWhichWinsOverConfiguredPaths() {
		Seen first = only(FirstWithSameConfiguration.class);
		Seen other = only(OtherConfiguration.class);
		assertThat(other.context()).isNotSameAs(first.context());
		assertThat(other.socket().path()).isNotEqualTo(first.socket().path());
		assertThat(other.socket().directory()).isNotEqualTo(first.socket().directory());
		assertThat(other.reply()).isEqualTo("other hi");
	}

	@Test
	void dirtiedContextsEachGetANewSocketAndTheirDirectoryIsGoneWhenTheyClose() {
		List<Seen> dirtied = seen.stream().filter((s) -> s.testClass() == DirtiedAfterEachMethod.class).toList();
		assertThat(dirtied).hasSize(2);
		assertThat(dirtied.get(1).context()).isNotSameAs(dirtied.get(0).context());
		assertThat(dirtied.get(1).socket().path()).isNotEqualTo(dirtied.get(0).socket().path());
		for (Seen each : dirtied) {
			assertThat(each.reply()).isEqualTo("dirtied hi");
			assertThat(each.socketExisted()).isTrue();
			assertThat(each.socket().directory()).doesNotExist();
		}
	}

	private static Seen only(Class<?> testClass) {
		List<Seen> matching = seen.stream().filter((s) -> s.testClass() == testClass).toList();
		assertThat(matching).hasSize(1);
		return matching.get(0);
	}

	record Seen(Class<?> testClass, String method, ApplicationContext context, UdsTestSocket socket,
			boolean socketExisted, String reply) {
	}

	/**
	 * The line's application, for the nested classes' {@code @SpringBootTest}: imports {@link PingLine#application()}
	 * of the line under test (annotations cannot name it, as it is each line's own). One class for every nested class,
	 * so that it keeps the context cache's keys equal where the configurations are.
	 */
	@Configuration(proxyBeanMethods = false)
	@Import(LineApplication.Selector.class)
	static class LineApplication {

		static class Selector implements ImportSelector {

			@Override
			public String[] selectImports(AnnotationMetadata metadata) {
				return new String[] { line.application().getName() };
			}

		}

	}

	/** One test, inherited by each class: records what it saw, after calling through the context's client. */
	abstract static class Recording {

		@BeforeAll
		static void runThroughTheOuterTests() {
			// Picked on its own (e.g. by -Dtest=...), it does not know the line: skipped before its context loads.
			assumeTrue(line != null, "run by a subclass of AbstractContextCachingAndCleanupTests");
		}

		@Autowired
		ApplicationContext context;

		@Autowired
		UdsTestSocket socket;

		@Test
		void calls(TestInfo test) {
			seen.add(new Seen(getClass(), test.getDisplayName(), this.context, this.socket,
					Files.exists(this.socket.path()), line.ping(this.context, "hi")));
		}

	}

	@SpringBootTest(classes = LineApplication.class)
	@AutoConfigureUdsSocket(clients = "ping")
	static class FirstWithSameConfiguration extends Recording {

	}

	@SpringBootTest(classes = LineApplication.class)
	@AutoConfigureUdsSocket(clients = "ping")
	static class SecondWithSameConfiguration extends Recording {

	}

	// The configured paths cannot work (no socket can be made in a file), so this context starts and calls only
	// because the annotation's properties come first. Both lines' client properties: each line reads its own.
	@SpringBootTest(classes = LineApplication.class,
			properties = { "ping.prefix=other", "grpc.uds.path=/proc/version/configured.sock",
					"grpc.client.ping.address=unix:/proc/version/configured.sock",
					"spring.grpc.client.channel.ping.target=unix:/proc/version/configured.sock" })
	@AutoConfigureUdsSocket(clients = "ping")
	static class OtherConfiguration extends Recording {

	}

	@SpringBootTest(classes = LineApplication.class, properties = "ping.prefix=dirtied")
	@AutoConfigureUdsSocket(clients = "ping")
	@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
	static class DirtiedAfterEachMethod extends Recording {

		@Test
		void callsAgain(TestInfo test) {
			calls(test);
		}

	}

}
