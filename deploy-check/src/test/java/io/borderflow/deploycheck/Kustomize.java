package io.borderflow.deploycheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with {@code kubectl kustomize}, the kustomize an operator's {@code kubectl apply -k} uses.
 * The test classes that render declare {@code @RequiresTool(name = "kubectl")}: without kubectl they are skipped
 * loudly on a developer's machine and fail under {@code CI=true}; a kubectl that cannot run here is a failure with its
 * remedy.
 */
final class Kustomize {
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final String kubectl;

    Kustomize(String kubectl) {
        this.kubectl = kubectl;
    }

    /** kubectl from the KUBECTL environment variable, or the one on the PATH. */
    static Kustomize fromEnvironment() {
        String configured = System.getenv("KUBECTL");
        return new Kustomize(configured == null || configured.isBlank() ? "kubectl" : configured);
    }

    /** The rendered YAML of the kustomization in {@code dir}; an exception with kustomize's message when it does not render. */
    String render(Path dir) {
        Process process;
        try {
            process = new ProcessBuilder(kubectl, "kustomize", dir.toString()).start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot run `" + kubectl + " kustomize`: " + e.getMessage()
                            + ". The manifests in deploy/ are checked by rendering them with kubectl (which includes kustomize):"
                            + " install kubectl 1.27 or newer, or set KUBECTL to its path.",
                    e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("`kubectl kustomize " + dir + "` did not finish within " + TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new RenderException(
                        dir + " does not render: " + err.join().strip());
            }
            return out.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while rendering " + dir, e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kustomize refused the kustomization (a missing file, a patch whose target is not there, invalid YAML...). */
    static final class RenderException extends RuntimeException {
        RenderException(String message) {
            super(message);
        }
    }
}
