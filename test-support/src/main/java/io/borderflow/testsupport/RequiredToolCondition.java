package io.borderflow.testsupport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Runs, skips loudly or fails a {@link RequiresTool} class: see there. */
public final class RequiredToolCondition implements ExecutionCondition, BeforeAllCallback {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        RequiresTool tool = tool(context);
        if (tool == null || available(tool) || ci()) {
            return ConditionEvaluationResult.enabled(tool == null ? "no tool required" : tool.name() + " found");
        }
        String message = missing(tool) + " These tests are SKIPPED on this machine; with CI=true they fail.";
        System.err.println("\n" + "!".repeat(100) + "\n! SKIPPED: " + message + "\n" + "!".repeat(100) + "\n");
        return ConditionEvaluationResult.disabled(message);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        RequiresTool tool = tool(context);
        if (tool != null && !available(tool) && ci()) {
            throw new IllegalStateException(missing(tool) + " CI=true is set, so a missing " + tool.name()
                    + " fails the build rather than skipping what it checks.");
        }
    }

    private static String missing(RequiresTool tool) {
        return "`" + String.join(" ", command(tool)) + "` does not run, so " + tool.checks() + " cannot be checked. "
                + tool.install()
                + (tool.pathVariable().isEmpty() ? "" : " (or set " + tool.pathVariable() + " to its path)") + ".";
    }

    private static RequiresTool tool(ExtensionContext context) {
        return context.getTestClass()
                .map(type -> type.getAnnotation(RequiresTool.class))
                .orElse(null);
    }

    static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv().getOrDefault("CI", "").trim());
    }

    /** The program's path: the variable's value when set, else its name, looked up on the PATH. */
    public static String path(RequiresTool tool) {
        String configured = tool.pathVariable().isEmpty() ? null : System.getenv(tool.pathVariable());
        return configured == null || configured.isBlank() ? tool.name() : configured;
    }

    private static List<String> command(RequiresTool tool) {
        List<String> command = new ArrayList<>();
        command.add(path(tool));
        command.addAll(List.of(tool.versionArguments()));
        return command;
    }

    private static boolean available(RequiresTool tool) {
        try {
            Process process =
                    new ProcessBuilder(command(tool)).redirectErrorStream(true).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
