package io.github.udsgrpc.boot;

import java.util.List;

import io.github.udsgrpc.server.CallExecutor;
import io.github.udsgrpc.server.NonBlockingMethods;
import io.github.udsgrpc.test.echo.EchoGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link UdsGrpcPropertyValues} for where service methods run: {@code grpc.uds.non-blocking-methods} and
 * {@code grpc.uds.executor}, with {@code auto} and {@code spring.threads.virtual.enabled}.
 */
class UdsGrpcPropertyValuesExecutionTests {

	private final UdsGrpcProperties properties = new UdsGrpcProperties();

	@Test
	void noMethodIsNonBlockingByDefault() {
		assertThat(UdsGrpcPropertyValues.nonBlockingMethods(this.properties)).isEqualTo(NonBlockingMethods.none());
	}

	@Test
	void nonBlockingMethodsAreReadAsNamed() {
		this.properties.setNonBlockingMethods(List.of("udsgrpc.test.Echo/Unary", "grpc.health.v1.Health/*"));
		NonBlockingMethods methods = UdsGrpcPropertyValues.nonBlockingMethods(this.properties);
		assertThat(methods.names()).containsExactly("udsgrpc.test.Echo/Unary", "grpc.health.v1.Health/*");
		assertThat(methods.contains(EchoGrpc.getUnaryMethod())).isTrue();
	}

	@Test
	void aNonBlockingMethodNotWrittenServiceSlashMethodIsAnInvalidValue() {
		this.properties.setNonBlockingMethods(List.of("udsgrpc.test.Echo.Unary"));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> UdsGrpcPropertyValues.nonBlockingMethods(this.properties))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("grpc.uds.non-blocking-methods"))
			.withMessageContaining("'udsgrpc.test.Echo.Unary' is not a method name")
			.withMessageContaining("package.Service/Method");
	}

	@Test
	void autoIsTheDefaultAndIsTheCachedPoolWithoutVirtualThreadsEnabled() {
		assertThat(this.properties.getExecutor()).isEqualTo("auto");
		assertThat(UdsGrpcPropertyValues.executor(this.properties, false)).isEqualTo(CallExecutor.CACHED);
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void autoIsVirtualThreadsWhenSpringEnablesThemOnJdk21() {
		assertThat(UdsGrpcPropertyValues.executor(this.properties, true)).isEqualTo(CallExecutor.VIRTUAL);
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void autoStaysTheCachedPoolWhenSpringEnablesVirtualThreadsBeforeJdk21() {
		assertThat(UdsGrpcPropertyValues.executor(this.properties, true)).isEqualTo(CallExecutor.CACHED);
	}

	@Test
	void eachValueIsItsExecutor() {
		this.properties.setExecutor("cached");
		assertThat(UdsGrpcPropertyValues.executor(this.properties, true)).isEqualTo(CallExecutor.CACHED);
		this.properties.setExecutor("fork-join");
		assertThat(UdsGrpcPropertyValues.executor(this.properties, true)).isEqualTo(CallExecutor.FORK_JOIN);
		this.properties.setExecutor("FORK_JOIN");
		assertThat(UdsGrpcPropertyValues.executor(this.properties, false)).isEqualTo(CallExecutor.FORK_JOIN);
	}

	@Test
	void anotherValueIsInvalid() {
		this.properties.setExecutor("pooled");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> UdsGrpcPropertyValues.executor(this.properties, false))
			.withMessage("Property grpc.uds.executor with value 'pooled' is invalid: must be auto, cached, fork-join "
					+ "or virtual");
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualIsVirtualThreadsOnJdk21() {
		this.properties.setExecutor("virtual");
		assertThat(UdsGrpcPropertyValues.executor(this.properties, false)).isEqualTo(CallExecutor.VIRTUAL);
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void virtualBeforeJdk21IsInvalidNamingTheJdk() {
		this.properties.setExecutor("virtual");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> UdsGrpcPropertyValues.executor(this.properties, true))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("grpc.uds.executor"))
			.withMessageContaining("virtual threads need JDK 21 or later; this application runs on Java "
					+ Runtime.version())
			.withMessageContaining(System.getProperty("java.home"));
	}

}
