package io.github.udsgrpc.test;

import java.util.List;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Turns {@link AutoConfigureUdsSocket} on a test class (or an enclosing class of a {@code @Nested} one) into a
 * {@link UdsTestSocketContextCustomizer}. Registered in {@code META-INF/spring.factories}.
 */
class UdsTestSocketContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureUdsSocket annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureUdsSocket.class);
		if (annotation == null) {
			return null;
		}
		String where = "@AutoConfigureUdsSocket on " + testClass.getName();
		String socketName = annotation.socketName();
		if (socketName.isBlank() || socketName.contains("/") || socketName.equals(".") || socketName.equals("..")) {
			throw new IllegalStateException(where + ": socketName '" + socketName
					+ "' must be a file name, without '/'");
		}
		for (String client : annotation.clients()) {
			if (client.isBlank()) {
				throw new IllegalStateException(where + ": clients must be names of gRPC clients, not blank");
			}
		}
		return new UdsTestSocketContextCustomizer(socketName, annotation.pathProperty(),
				List.of(annotation.clients()), SocketDirectories::forThisMachine);
	}

}
