package io.borderflow.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borderflow.testsupport.RequiresTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checks fail on broken manifests: each case copies deploy/, breaks one thing in one file, renders an overlay and
 * expects the problem to be named. A case whose text is no longer in the file fails too, so none passes by going stale.
 */
@RequiresTool(
        name = "kubectl",
        pathVariable = "KUBECTL",
        versionArguments = {"version", "--client"},
        checks = "the Kubernetes manifests in deploy/",
        install = "Install kubectl 1.27 or newer (it brings kustomize)")
class BrokenManifestsTest {
    static final Path DEPLOY = DeployManifestsTest.DEPLOY;

    @TempDir
    Path copy;

    /** In {@code file} (under deploy/), {@code find} becomes {@code replace}. */
    record Edit(String file, String find, String replace) {}

    /** After the edits, rendering {@code overlay} shows {@code problem}. */
    record Breakage(String description, String overlay, List<Edit> edits, String problem) {
        Breakage(String description, String overlay, String file, String find, String replace, String problem) {
            this(description, overlay, List.of(new Edit(file, find, replace)), problem);
        }

        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Breakage> breakages() {
        return Stream.of(
                new Breakage(
                        "a probe asks a path the service does not serve",
                        "prod",
                        "base/inspection-service/deployment.yaml",
                        "path: /q/health/ready",
                        "path: /q/health/readyz",
                        "inspection-service: the readiness probe asks /q/health/readyz, but the service serves readiness at /q/health/ready"),
                new Breakage(
                        "a startup probe is missing",
                        "dev",
                        "base/routing-service/deployment.yaml",
                        "          startupProbe:\n            httpGet:\n              path: /q/health/started\n              port: grpc\n            periodSeconds: 5\n            timeoutSeconds: 3\n            failureThreshold: 36\n",
                        "",
                        "Deployment routing-service, container server: no startup probe"),
                new Breakage(
                        "the memory limit is gone",
                        "prod",
                        "base/checkpoint-service/deployment.yaml",
                        "            limits:\n              cpu: \"2\"\n              memory: 640Mi\n",
                        "            limits:\n              cpu: \"2\"\n",
                        "Deployment checkpoint-service, container server: no memory limit"),
                new Breakage(
                        "the heap leaves no room for the rest of the JVM",
                        "dev",
                        "base/borderflow.env",
                        "-XX:MaxRAMPercentage=40",
                        "-XX:MaxRAMPercentage=75",
                        "checkpoint-service: a heap of 480 MiB leaves 160 MiB of the 640 MiB memory limit"),
                new Breakage(
                        "the root filesystem is writable",
                        "prod",
                        "base/routing-service/deployment.yaml",
                        "readOnlyRootFilesystem: true",
                        "readOnlyRootFilesystem: false",
                        "Deployment routing-service, container server: the root filesystem is not read-only"),
                new Breakage(
                        "the in-cluster PostgreSQL may escalate privileges",
                        "dev",
                        "components/postgres-dev/statefulset.yaml",
                        "allowPrivilegeEscalation: false",
                        "allowPrivilegeEscalation: true",
                        "StatefulSet postgres, container postgres: allowPrivilegeEscalation is not false"),
                new Breakage(
                        "the port is not named grpc",
                        "prod",
                        "base/checkpoint-service/deployment.yaml",
                        "            - name: grpc\n              containerPort: 9101",
                        "            - name: http\n              containerPort: 9101",
                        "checkpoint-service: its container has no port named grpc"),
                new Breakage(
                        "the container port is not the one the service listens on",
                        "dev",
                        "base/routing-service/deployment.yaml",
                        "containerPort: 9103",
                        "containerPort: 8080",
                        "routing-service: its port grpc is 8080, but the service listens on 9103"),
                new Breakage(
                        "a peer host is not a Service",
                        "prod",
                        "base/checkpoint-service/config.env",
                        "INSPECTION_HOST=inspection-service-headless",
                        "INSPECTION_HOST=inspection-headless",
                        "checkpoint-service's client inspection: calls host 'inspection-headless' (INSPECTION_HOST), which is not a Service in the manifests"),
                new Breakage(
                        "a peer is reached through its ClusterIP Service",
                        "dev",
                        "base/routing-service/config.env",
                        "CHECKPOINT_HOST=checkpoint-service-headless",
                        "CHECKPOINT_HOST=checkpoint-service",
                        "Service checkpoint-service: is not headless"),
                new Breakage(
                        "a client does not balance over the peer's pods",
                        "prod",
                        "base/inspection-service/config.env",
                        "QUARKUS_GRPC_CLIENTS_CHECKPOINT_LOAD_BALANCING_POLICY=round_robin\n",
                        "",
                        "inspection-service's client checkpoint: load-balancing policy is pick_first"),
                new Breakage(
                        "a Secret key that nothing defines",
                        "dev",
                        "components/postgres-dev/kustomization.yaml",
                        "      - password=dev-only-inspection",
                        "      - pass=dev-only-inspection",
                        "inspection-service: DB_PASSWORD comes from key password of Secret inspection-service-db-"),
                new Breakage(
                        "a Secret key the README does not document",
                        "prod",
                        "base/routing-service/deployment.yaml",
                        "value: /var/run/secrets/borderflow/service-token/token",
                        "value: /var/run/secrets/borderflow/service-token/access-token",
                        "routing-service: the service token file /var/run/secrets/borderflow/service-token/access-token is key access-token of Secret routing-service-token"),
                new Breakage(
                        "a Secret nothing provides",
                        "prod",
                        "base/checkpoint-service/deployment.yaml",
                        "secretName: checkpoint-service-token",
                        "secretName: checkpoint-token",
                        "checkpoint-service: volume service-token is Secret checkpoint-token, which is neither in the manifests"),
                new Breakage(
                        "the prod overlay forgets the token issuer",
                        "prod",
                        "overlays/prod/borderflow.env",
                        "BORDERFLOW_JWT_ISSUER=https://idp.example.com/realms/borderflow\n",
                        "",
                        "runs the prod profile with the development token issuer"),
                new Breakage(
                        "no database option",
                        "dev",
                        "overlays/dev/kustomization.yaml",
                        "components:\n  - ../../components/postgres-dev\n",
                        "",
                        "checkpoint-service: DB_HOST is not set"),
                new Breakage(
                        "the shutdown outlasts the grace period",
                        "prod",
                        "base/inspection-service/deployment.yaml",
                        "terminationGracePeriodSeconds: 35",
                        "terminationGracePeriodSeconds: 15",
                        "inspection-service: shutdown delay 5 s + timeout 20 s + 3 s to exit exceed terminationGracePeriodSeconds 15"),
                new Breakage(
                        "a network policy misses a call the suite makes",
                        "prod",
                        "components/network-policies/inspection-service.yaml",
                        "        - podSelector:\n            matchLabels:\n              app.kubernetes.io/name: routing-service\n",
                        "",
                        "network policies deny routing-service -> inspection-service:9102, but routing-service calls it"),
                new Breakage(
                        "a network policy allows a call the suite never makes",
                        "prod",
                        "components/network-policies/servers.yaml",
                        "  policyTypes:\n    - Egress\n  egress:\n",
                        "  policyTypes:\n    - Egress\n    - Ingress\n  ingress:\n    - from:\n        - podSelector:\n"
                                + "            matchLabels:\n              app.kubernetes.io/part-of: borderflow\n  egress:\n"
                                + "    - to:\n        - podSelector:\n            matchLabels:\n"
                                + "              app.kubernetes.io/part-of: borderflow\n",
                        "network policies allow checkpoint-service -> routing-service:9103, a call checkpoint-service never makes"),
                new Breakage(
                        "a network policy opens a service to every namespace",
                        "prod",
                        "components/network-policies/checkpoint-service.yaml",
                        "        - namespaceSelector:\n            matchLabels:\n              borderflow.io/api-gateway: \"true\"\n",
                        "        - namespaceSelector: {}\n",
                        "network policies let any pod of any namespace reach checkpoint-service:9101"),
                new Breakage(
                        "the database is out of a service's reach",
                        "prod",
                        "components/cloudnative-pg/network-policies.yaml",
                        "              app.kubernetes.io/name: routing-service\n",
                        "              app.kubernetes.io/name: routing\n",
                        "network policies keep routing-service from its database"),
                new Breakage(
                        "a moving image tag",
                        "prod",
                        "overlays/prod/kustomization.yaml",
                        "    newName: registry.example.com/borderflow/routing-service\n    newTag: 0.1.0",
                        "    newName: registry.example.com/borderflow/routing-service\n    newTag: latest",
                        "routing-service: image registry.example.com/borderflow/routing-service:latest has no fixed tag"),
                new Breakage(
                        "an autoscaled Deployment keeps its replica count",
                        "prod",
                        "overlays/prod/kustomization.yaml",
                        "      - op: remove\n        path: /spec/replicas\n",
                        "      - op: replace\n        path: /spec/replicas\n        value: 2\n",
                        "checkpoint-service: has a HorizontalPodAutoscaler and sets replicas"),
                new Breakage(
                        "TLS without the probes knowing",
                        "prod",
                        "components/tls/inspection-service.yaml",
                        "          readinessProbe:\n            httpGet:\n              scheme: HTTPS\n",
                        "",
                        "inspection-service: the readiness probe uses HTTP, the service serves HTTPS"),
                new Breakage(
                        "TLS without the peers trusting it",
                        "prod",
                        "components/tls/kustomization.yaml",
                        "      - QUARKUS_GRPC_CLIENTS_INSPECTION_SSL_TRUST_STORE=/etc/borderflow/tls/ca.crt\n"
                                + "  # inspection-service",
                        "  # inspection-service",
                        "checkpoint-service's client inspection: inspection-service serves TLS only, but the client has no trust store"),
                new Breakage(
                        "TLS listed before the ServiceMonitors it should patch",
                        "prod",
                        List.of(
                                new Edit(
                                        "overlays/prod/kustomization.yaml",
                                        "  # - ../../components/service-monitor\n",
                                        ""),
                                new Edit(
                                        "overlays/prod/kustomization.yaml",
                                        "  - ../../components/tls\n",
                                        "  - ../../components/tls\n  - ../../components/service-monitor\n")),
                        "ServiceMonitor checkpoint-service: scrapes over http, checkpoint-service serves https only"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void theChecksNameWhatIsBroken(Breakage breakage) {
        Path deploy = copyOfDeploy();
        for (Edit edit : breakage.edits()) {
            Path file = deploy.resolve(edit.file());
            String text = read(file);
            assertThat(text)
                    .as("%s still contains the text this case breaks", edit.file())
                    .contains(edit.find());
            write(file, text.replace(edit.find(), edit.replace()));
        }

        Suite suite = Suite.load(DeployManifestsTest.ROOT, deploy);
        Manifests manifests = Manifests.parse(
                DeployManifestsTest.KUSTOMIZE.render(deploy.resolve("overlays").resolve(breakage.overlay())));
        List<String> problems = ManifestCheck.problems(manifests, suite, ManifestCheck.Scope.DEPLOYMENT);

        assertThat(problems).as(breakage.description()).anyMatch(p -> p.contains(breakage.problem()));
    }

    @Test
    void theUnbrokenCopyHasNoProblem() {
        Path deploy = copyOfDeploy();
        Suite suite = Suite.load(DeployManifestsTest.ROOT, deploy);
        for (String overlay : List.of("dev", "prod")) {
            Manifests manifests = Manifests.parse(DeployManifestsTest.KUSTOMIZE.render(
                    deploy.resolve("overlays").resolve(overlay)));
            assertThat(ManifestCheck.problems(manifests, suite, ManifestCheck.Scope.DEPLOYMENT))
                    .as(overlay)
                    .isEmpty();
        }
    }

    @Test
    void aManifestThatDoesNotRenderFails() {
        Path deploy = copyOfDeploy();
        Path kustomization = deploy.resolve("overlays/dev/kustomization.yaml");
        write(
                kustomization,
                read(kustomization).replace("  - path: dev-issuer.yaml", "  - path: dev-issuer-missing.yaml"));

        assertThatThrownBy(() -> DeployManifestsTest.KUSTOMIZE.render(deploy.resolve("overlays/dev")))
                .isInstanceOf(Kustomize.RenderException.class)
                .hasMessageContaining("dev-issuer-missing.yaml");
    }

    @Test
    void aMissingKubectlFailsLoudly() {
        assertThatThrownBy(() -> new Kustomize("/nonexistent/kubectl").render(DEPLOY.resolve("base")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("install kubectl");
    }

    private Path copyOfDeploy() {
        Path target = copy.resolve("deploy");
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path destination = target.resolve(DEPLOY.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
