package io.borderflow.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that needs a program a machine with only a JDK lacks (kubectl, a browser). Where the program runs, the
 * tests run. Where it does not, they are skipped and the build says so loudly, naming the program and why it is needed;
 * with {@code CI=true} in the environment a missing program fails the class instead, so CI can never pass by skipping.
 * {@link RequiredToolCondition} does the checking.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiredToolCondition.class)
public @interface RequiresTool {
    /** The program, e.g. {@code kubectl}. */
    String name();

    /** The environment variable that may name its path instead of the PATH, e.g. {@code KUBECTL}; empty: none. */
    String pathVariable() default "";

    /** Arguments that make it print its version and exit 0, e.g. {@code version --client}. */
    String[] versionArguments();

    /** What the skipped tests check, for the message: "the Kubernetes manifests in deploy/". */
    String checks();

    /** How to get it, for the message. */
    String install();
}
