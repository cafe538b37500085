package io.github.udsgrpc.server;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;

/**
 * The gRPC methods of a server that never block: on socket listeners they run on the event loop thread that read the
 * call, and every other method on an executor (see {@link UdsServer.Builder#nonBlocking}). Methods are named
 * {@code package.Service/Method}, as on the wire, or all of a service's as {@code package.Service/*}; or marked
 * with {@link NonBlocking} on the service implementation ({@link #annotated}); or all of them at once
 * ({@link #everyMethod()}, the low-latency profile).
 */
public final class NonBlockingMethods {

	/** What names a whole service: {@code package.Service/*}. */
	public static final String EVERY_METHOD_OF_SERVICE = "*";

	private static final NonBlockingMethods NONE = new NonBlockingMethods(Set.of(), false);

	private static final NonBlockingMethods EVERY = new NonBlockingMethods(Set.of(), true);

	private final Set<String> names;

	private final Set<String> wholeServices = new LinkedHashSet<>();

	private final Set<String> methods = new LinkedHashSet<>();

	private final boolean everyMethod;

	private NonBlockingMethods(Set<String> names, boolean everyMethod) {
		this.names = Collections.unmodifiableSet(new LinkedHashSet<>(names));
		this.everyMethod = everyMethod;
		for (String name : names) {
			int slash = name.indexOf('/');
			String method = name.substring(slash + 1);
			if (method.equals(EVERY_METHOD_OF_SERVICE)) {
				this.wholeServices.add(name.substring(0, slash));
			}
			else {
				this.methods.add(name);
			}
		}
	}

	/**
	 * No method: every method runs on the executor.
	 * @return the empty set
	 */
	public static NonBlockingMethods none() {
		return NONE;
	}

	/**
	 * Every method of every service (grpc-java's direct executor, as the low-latency profile sets it).
	 * @return every method
	 */
	public static NonBlockingMethods everyMethod() {
		return EVERY;
	}

	/**
	 * Methods by name.
	 * @param names {@code package.Service/Method}, or {@code package.Service/*} for all of a service's methods
	 * @return the methods
	 * @throws IllegalArgumentException if a name is not written so
	 */
	public static NonBlockingMethods of(String... names) {
		return of(Arrays.asList(names));
	}

	/**
	 * Methods by name.
	 * @param names {@code package.Service/Method}, or {@code package.Service/*} for all of a service's methods
	 * @return the methods
	 * @throws IllegalArgumentException if a name is not written so
	 */
	public static NonBlockingMethods of(Collection<String> names) {
		Set<String> checked = new LinkedHashSet<>();
		for (String name : names) {
			checked.add(checkName(name));
		}
		return checked.isEmpty() ? NONE : new NonBlockingMethods(checked, false);
	}

	private static String checkName(String name) {
		String trimmed = (name != null) ? name.trim() : "";
		int slash = trimmed.indexOf('/');
		String method = (slash > 0) ? trimmed.substring(slash + 1) : "";
		if (slash <= 0 || method.isEmpty() || method.indexOf('/') >= 0
				|| (method.contains(EVERY_METHOD_OF_SERVICE) && !method.equals(EVERY_METHOD_OF_SERVICE))) {
			throw new IllegalArgumentException("'" + name + "' is not a method name: write package.Service/Method "
					+ "(as on the wire, e.g. grpc.health.v1.Health/Check) or package.Service/* for all of a "
					+ "service's methods");
		}
		return trimmed;
	}

	/**
	 * The methods of a service that its implementation marks {@link NonBlocking}: all of them when the class (or a
	 * superclass) is annotated, else those whose implementing Java method is. A Java method implements the rpc
	 * whose name, in lower camel case with underscores removed, is its name, as protoc-gen-grpc-java generates
	 * them (with a trailing {@code _} for Java keywords); an annotated method that implements no rpc is ignored.
	 * @param implementation the class of the service implementation (not a proxy's)
	 * @param service the service it implements
	 * @return the methods marked
	 */
	public static NonBlockingMethods annotated(Class<?> implementation, ServiceDescriptor service) {
		List<Class<?>> hierarchy = new ArrayList<>();
		for (Class<?> type = implementation; type != null && type != Object.class; type = type.getSuperclass()) {
			hierarchy.add(type);
		}
		if (hierarchy.stream().anyMatch((type) -> type.isAnnotationPresent(NonBlocking.class))) {
			return new NonBlockingMethods(Set.of(service.getName() + "/" + EVERY_METHOD_OF_SERVICE), false);
		}
		Map<String, String> rpcByJavaName = new HashMap<>();
		for (MethodDescriptor<?, ?> method : service.getMethods()) {
			String javaName = javaMethodName(method.getBareMethodName());
			rpcByJavaName.put(javaName, method.getFullMethodName());
			rpcByJavaName.put(javaName + "_", method.getFullMethodName());
		}
		Set<String> marked = new LinkedHashSet<>();
		for (Class<?> type : hierarchy) {
			for (Method method : type.getDeclaredMethods()) {
				String rpc = rpcByJavaName.get(method.getName());
				if (rpc != null && method.isAnnotationPresent(NonBlocking.class)) {
					marked.add(rpc);
				}
			}
		}
		return marked.isEmpty() ? NONE : new NonBlockingMethods(marked, false);
	}

	/**
	 * The name protoc-gen-grpc-java gives the Java method of an rpc: lower camel case, underscores removed and the
	 * letter after each in upper case ({@code Get_item} is {@code getItem}).
	 * @param rpcName the rpc's name in the proto file
	 * @return the Java method's name, without the {@code _} added to Java keywords
	 */
	static String javaMethodName(String rpcName) {
		if (rpcName == null || rpcName.isEmpty()) {
			return "";
		}
		StringBuilder name = new StringBuilder().append(Character.toLowerCase(rpcName.charAt(0)));
		boolean afterUnderscore = false;
		for (int i = 1; i < rpcName.length(); i++) {
			char c = rpcName.charAt(i);
			if (c == '_') {
				afterUnderscore = true;
			}
			else {
				name.append(afterUnderscore ? Character.toUpperCase(c) : c);
				afterUnderscore = false;
			}
		}
		return name.toString();
	}

	/**
	 * These methods and others.
	 * @param other the others
	 * @return both
	 */
	public NonBlockingMethods and(NonBlockingMethods other) {
		if (other.isEmpty() && other.everyMethod == this.everyMethod) {
			return this;
		}
		Set<String> both = new LinkedHashSet<>(this.names);
		both.addAll(other.names);
		return new NonBlockingMethods(both, this.everyMethod || other.everyMethod);
	}

	/**
	 * These methods, and every other method too.
	 * @return every method, still with these names (they are checked all the same)
	 */
	public NonBlockingMethods andEveryMethod() {
		return new NonBlockingMethods(this.names, true);
	}

	/**
	 * Whether no method is non-blocking.
	 * @return true if no method is named and not every method is non-blocking
	 */
	public boolean isEmpty() {
		return this.names.isEmpty() && !this.everyMethod;
	}

	/**
	 * Whether every method is non-blocking.
	 * @return true for {@link #everyMethod()}
	 */
	public boolean isEveryMethod() {
		return this.everyMethod;
	}

	/**
	 * The names, as given or found.
	 * @return {@code package.Service/Method} and {@code package.Service/*} names
	 */
	public Set<String> names() {
		return this.names;
	}

	/**
	 * Whether a method is non-blocking.
	 * @param method the method
	 * @return true if it is named, its service is named with {@code /*}, or every method is
	 */
	public boolean contains(MethodDescriptor<?, ?> method) {
		return this.everyMethod || this.methods.contains(method.getFullMethodName())
				|| (!this.wholeServices.isEmpty() && this.wholeServices.contains(method.getServiceName()));
	}

	/**
	 * Checks that every name matches a method of these services.
	 * @param services the services of the server
	 * @throws UnknownNonBlockingMethodException for the first name that matches none
	 */
	void check(Collection<ServiceDescriptor> services) {
		Set<String> serviceNames = new LinkedHashSet<>();
		List<String> all = new ArrayList<>();
		for (ServiceDescriptor service : services) {
			serviceNames.add(service.getName());
			service.getMethods().forEach((method) -> all.add(method.getFullMethodName()));
		}
		for (String name : this.names) {
			boolean known = name.endsWith("/" + EVERY_METHOD_OF_SERVICE)
					? serviceNames.contains(name.substring(0, name.indexOf('/'))) : all.contains(name);
			if (!known) {
				throw new UnknownNonBlockingMethodException(name, all);
			}
		}
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof NonBlockingMethods that) && this.names.equals(that.names)
				&& this.everyMethod == that.everyMethod;
	}

	@Override
	public int hashCode() {
		return this.names.hashCode() * 31 + Boolean.hashCode(this.everyMethod);
	}

	@Override
	public String toString() {
		return this.everyMethod ? "every method" + (this.names.isEmpty() ? "" : " " + this.names)
				: this.names.toString();
	}

}
