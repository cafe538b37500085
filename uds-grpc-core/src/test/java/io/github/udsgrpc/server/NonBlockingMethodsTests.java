package io.github.udsgrpc.server;

import java.util.List;

import io.github.udsgrpc.test.echo.EchoGrpc;
import io.github.udsgrpc.test.echo.EchoReply;
import io.github.udsgrpc.test.echo.EchoRequest;
import io.github.udsgrpc.testsupport.PlainEchoService;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link NonBlockingMethods}: names as written, methods marked {@link NonBlocking} on a class or a Java method, and
 * the check of names against a server's services ({@link UnknownNonBlockingMethodException}).
 */
class NonBlockingMethodsTests {

	private static final ServiceDescriptor ECHO = EchoGrpc.getServiceDescriptor();

	@Test
	void aMethodNamedIsNonBlockingAndTheOthersAreNot() {
		NonBlockingMethods methods = NonBlockingMethods.of("udsgrpc.test.Echo/Unary");
		assertThat(methods.contains(EchoGrpc.getUnaryMethod())).isTrue();
		assertThat(methods.contains(EchoGrpc.getBidiMethod())).isFalse();
		assertThat(methods.isEmpty()).isFalse();
		assertThat(methods.isEveryMethod()).isFalse();
	}

	@Test
	void aServiceNamedWithAStarMakesEachOfItsMethodsNonBlocking() {
		NonBlockingMethods methods = NonBlockingMethods.of(" udsgrpc.test.Echo/* ");
		assertThat(ECHO.getMethods()).allSatisfy((method) -> assertThat(methods.contains(method)).isTrue());
		assertThat(methods.contains(HealthGrpc.getCheckMethod())).isFalse();
		assertThat(methods.names()).containsExactly("udsgrpc.test.Echo/*");
	}

	@Test
	void noneAndEveryMethod() {
		assertThat(NonBlockingMethods.none().isEmpty()).isTrue();
		assertThat(NonBlockingMethods.none().contains(EchoGrpc.getUnaryMethod())).isFalse();
		assertThat(NonBlockingMethods.of(List.of())).isEqualTo(NonBlockingMethods.none());
		assertThat(NonBlockingMethods.everyMethod().contains(HealthGrpc.getCheckMethod())).isTrue();
		NonBlockingMethods named = NonBlockingMethods.of("udsgrpc.test.Echo/Unary").andEveryMethod();
		assertThat(named.isEveryMethod()).isTrue();
		assertThat(named.names()).containsExactly("udsgrpc.test.Echo/Unary");
	}

	@Test
	void namesAddUp() {
		NonBlockingMethods both = NonBlockingMethods.of("udsgrpc.test.Echo/Unary")
			.and(NonBlockingMethods.of("grpc.health.v1.Health/*"));
		assertThat(both.contains(EchoGrpc.getUnaryMethod())).isTrue();
		assertThat(both.contains(HealthGrpc.getWatchMethod())).isTrue();
		assertThat(both.contains(EchoGrpc.getServerStreamMethod())).isFalse();
		assertThat(both.names()).containsExactly("udsgrpc.test.Echo/Unary", "grpc.health.v1.Health/*");
	}

	@Test
	void aNameNotWrittenServiceSlashMethodIsRefused() {
		for (String wrong : List.of("udsgrpc.test.Echo", "/Unary", "udsgrpc.test.Echo/", "a/b/c", "udsgrpc.test.Echo/Un*",
				"")) {
			assertThatIllegalArgumentException().isThrownBy(() -> NonBlockingMethods.of(wrong))
				.withMessageContaining("'" + wrong + "' is not a method name")
				.withMessageContaining("package.Service/Method");
		}
	}

	@Test
	void javaMethodNamesAreTheGeneratorsLowerCamelCase() {
		assertThat(NonBlockingMethods.javaMethodName("Unary")).isEqualTo("unary");
		assertThat(NonBlockingMethods.javaMethodName("ServerStream")).isEqualTo("serverStream");
		assertThat(NonBlockingMethods.javaMethodName("get_item_by_id")).isEqualTo("getItemById");
		assertThat(NonBlockingMethods.javaMethodName("Get_Item")).isEqualTo("getItem");
		assertThat(NonBlockingMethods.javaMethodName("X")).isEqualTo("x");
	}

	@Test
	void anAnnotatedClassMakesEveryMethodOfItsServiceNonBlocking() {
		NonBlockingMethods methods = NonBlockingMethods.annotated(AllNonBlocking.class, ECHO);
		assertThat(methods.names()).containsExactly("udsgrpc.test.Echo/*");
		assertThat(NonBlockingMethods.annotated(SubclassOfAllNonBlocking.class, ECHO).names())
			.as("an annotated superclass").containsExactly("udsgrpc.test.Echo/*");
	}

	@Test
	void anAnnotatedJavaMethodMakesItsRpcNonBlocking() {
		NonBlockingMethods methods = NonBlockingMethods.annotated(BidiNonBlocking.class, ECHO);
		assertThat(methods.names()).containsExactly("udsgrpc.test.Echo/Bidi");
		assertThat(methods.contains(EchoGrpc.getBidiMethod())).isTrue();
		assertThat(methods.contains(EchoGrpc.getUnaryMethod())).isFalse();
	}

	@Test
	void anAnnotatedJavaMethodThatImplementsNoRpcIsIgnored() {
		assertThat(NonBlockingMethods.annotated(HelperAnnotated.class, ECHO).isEmpty()).isTrue();
		assertThat(NonBlockingMethods.annotated(PlainEchoService.class, ECHO).isEmpty()).isTrue();
	}

	@Test
	void checkedNamesMustMatchAMethodOrAServiceOfTheServer() {
		List<ServiceDescriptor> services = List.of(ECHO, HealthGrpc.getServiceDescriptor());
		NonBlockingMethods.of("udsgrpc.test.Echo/Unary", "grpc.health.v1.Health/*").check(services);

		assertThatExceptionOfType(UnknownNonBlockingMethodException.class)
			.isThrownBy(() -> NonBlockingMethods.of("udsgrpc.test.Echo/Unary", "udsgrpc.test.Echo/Unry")
				.check(services))
			.satisfies((ex) -> {
				assertThat(ex.getName()).isEqualTo("udsgrpc.test.Echo/Unry");
				assertThat(ex.getMethods()).contains("udsgrpc.test.Echo/Unary", "grpc.health.v1.Health/Check");
				assertThat(ex.getMessage()).isEqualTo("Non-blocking method 'udsgrpc.test.Echo/Unry' matches no "
						+ "method of the socket server's services; their methods: " + ex.getMethods());
			});
		assertThatExceptionOfType(UnknownNonBlockingMethodException.class)
			.isThrownBy(() -> NonBlockingMethods.of("udsgrpc.test.Ecco/*").check(services))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("udsgrpc.test.Ecco/*"));
	}

	@Test
	void namesOfMethodsAreCheckedEvenWhenEveryMethodIsNonBlocking() {
		assertThatExceptionOfType(UnknownNonBlockingMethodException.class)
			.isThrownBy(() -> NonBlockingMethods.of("udsgrpc.test.Echo/Nope").andEveryMethod().check(List.of(ECHO)));
	}

	@NonBlocking
	static class AllNonBlocking extends PlainEchoService {

	}

	static class SubclassOfAllNonBlocking extends AllNonBlocking {

	}

	static class BidiNonBlocking extends PlainEchoService {

		@Override
		@NonBlocking
		public StreamObserver<EchoRequest> bidi(StreamObserver<EchoReply> responseObserver) {
			return super.bidi(responseObserver);
		}

	}

	static class HelperAnnotated extends PlainEchoService {

		@NonBlocking
		void helper() {
		}

		@NonBlocking
		String unaryText(MethodDescriptor<?, ?> method) {
			return method.getFullMethodName();
		}

	}

}
