package io.borderflow.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.testsupport.RequiresTool;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/ as it is: every overlay, alone and with every set of the other components, renders with kubectl kustomize
 * and fits the services (ManifestCheck); the base's pods are checked on their own.
 */
@RequiresTool(
        name = "kubectl",
        pathVariable = "KUBECTL",
        versionArguments = {"version", "--client"},
        checks = "the Kubernetes manifests in deploy/",
        install = "Install kubectl 1.27 or newer (it brings kustomize)")
class DeployManifestsTest {
    static final Path ROOT = Suite.repositoryRoot();
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final Suite SUITE = Suite.load(ROOT, DEPLOY);
    static final Kustomize KUSTOMIZE = Kustomize.fromEnvironment();

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> everyOverlayAndComponentCombinationRendersAndFitsTheServices() {
        return Combinations.of(DEPLOY).stream()
                .map(combination -> DynamicTest.dynamicTest(combination.name(), () -> {
                    Manifests manifests = Manifests.parse(KUSTOMIZE.render(combination.kustomization(DEPLOY, work)));
                    ManifestCheck.Scope scope =
                            combination.isBase() ? ManifestCheck.Scope.POD_SPECS : ManifestCheck.Scope.DEPLOYMENT;
                    assertThat(ManifestCheck.problems(manifests, SUITE, scope))
                            .as(combination.name())
                            .isEmpty();
                }));
    }

    @Test
    void everyCombinationIsRendered() {
        assertThat(Combinations.of(DEPLOY))
                .extracting(Combinations.Combination::name)
                .contains(
                        "base",
                        "dev",
                        "prod",
                        "dev + network-policies + service-monitor + tls",
                        "prod + service-monitor")
                .doesNotContain("dev + cloudnative-pg");
    }

    @Test
    void prodRunsHighlyAvailable() {
        Manifests prod = Manifests.parse(KUSTOMIZE.render(DEPLOY.resolve("overlays/prod")));
        for (ServiceConfig service : SUITE.services) {
            assertThat(prod.ofType(HorizontalPodAutoscaler.class))
                    .as(service.name + "'s autoscaler")
                    .anyMatch(h -> h.getSpec().getScaleTargetRef().getName().equals(service.name)
                            && h.getSpec().getMinReplicas() >= 2);
            assertThat(prod.ofType(PodDisruptionBudget.class))
                    .as(service.name + "'s disruption budget")
                    .anyMatch(p -> service.name.equals(
                            p.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/name")));
            assertThat(prod.deployment(service.name))
                    .get()
                    .extracting(d -> d.getSpec().getReplicas())
                    .isNull();
        }
        assertThat(prod.custom("postgresql.cnpg.io", "Cluster"))
                .hasSize(SUITE.services.size())
                .allMatch(c -> ((Number) c.get("spec", "instances")).intValue() >= 3);
        assertThat(prod.ofType(NetworkPolicy.class))
                .anyMatch(p -> p.getMetadata().getName().equals("borderflow-deny-all"));
        assertThat(prod.namespaceLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    }

    @Test
    void prodDatabasesCommitSynchronouslyAndBackUpForPointInTimeRecovery() {
        Manifests prod = Manifests.parse(KUSTOMIZE.render(DEPLOY.resolve("overlays/prod")));
        List<GenericKubernetesResource> clusters = prod.custom("postgresql.cnpg.io", "Cluster");
        assertThat(clusters).hasSize(SUITE.services.size());
        for (GenericKubernetesResource cluster : clusters) {
            String name = cluster.getMetadata().getName();
            // an acknowledged commit is on a standby too: at least one synchronous standby, and none of the three
            // instances may be the only copy of a write
            assertThat(((Number) cluster.get("spec", "instances")).intValue())
                    .as(name)
                    .isGreaterThanOrEqualTo(3);
            assertThat((Number) cluster.get("spec", "postgresql", "synchronous", "number"))
                    .as(name + "'s synchronous standbys")
                    .isNotNull()
                    .satisfies(n -> assertThat(n.intValue()).isGreaterThanOrEqualTo(1));
            assertThat((String) cluster.get("spec", "postgresql", "synchronous", "dataDurability"))
                    .as(name)
                    .isIn(null, "required");
            // WAL archived continuously to an object store with a retention policy, and base backups on a schedule
            List<Map<String, Object>> plugins = cluster.get("spec", "plugins");
            assertThat(plugins).as(name + "'s WAL archiver").isNotNull();
            Map<String, Object> archiver = plugins.stream()
                    .filter(p -> Boolean.TRUE.equals(p.get("isWALArchiver")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(name + " archives no WAL"));
            Object store = ((Map<?, ?>) archiver.get("parameters")).get("barmanObjectName");
            assertThat(prod.custom("barmancloud.cnpg.io", "ObjectStore"))
                    .as(name + "'s object store " + store)
                    .anySatisfy(s -> {
                        assertThat(s.getMetadata().getName()).isEqualTo(store);
                        assertThat((String) s.get("spec", "configuration", "destinationPath"))
                                .isNotBlank();
                        assertThat((String) s.get("spec", "retentionPolicy")).matches("\\d+[dwm]");
                    });
            assertThat(prod.custom("postgresql.cnpg.io", "ScheduledBackup"))
                    .as(name + "'s scheduled backup")
                    .anySatisfy(b -> {
                        assertThat((String) b.get("spec", "cluster", "name")).isEqualTo(name);
                        assertThat((String) b.get("spec", "schedule")).isNotBlank();
                        assertThat((String) b.get("spec", "method")).isEqualTo("plugin");
                        assertThat((String) b.get("spec", "pluginConfiguration", "name"))
                                .isEqualTo(archiver.get("name"));
                    });
        }
    }

    @Test
    void prodConnectsToItsDatabasesOverVerifiedTls() {
        Manifests prod = Manifests.parse(KUSTOMIZE.render(DEPLOY.resolve("overlays/prod")));
        // what ManifestCheck asks of every service on a CloudNativePG database; here that prod has no way round it
        assertThat(ManifestCheck.problems(prod, SUITE, ManifestCheck.Scope.DEPLOYMENT))
                .noneMatch(problem -> problem.contains("database"));
        for (ServiceConfig service : SUITE.services) {
            var container = prod.deployment(service.name)
                    .orElseThrow()
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0);
            ContainerEnvironment env = ContainerEnvironment.of(
                    service.name, container, prod, new Provided(prod, SUITE), new java.util.ArrayList<>());
            assertThat(service.resolve("quarkus.datasource.reactive.postgresql.ssl-mode", env.values))
                    .as(service.name)
                    .contains("verify-full");
            assertThat(env.get("DB_SSL_MODE")).as(service.name).contains("verify-full");
        }
    }

    @Test
    void prodServesTlsOnlyWithCertificatesAndHttpsProbes() {
        Manifests prod = Manifests.parse(KUSTOMIZE.render(DEPLOY.resolve("overlays/prod")));
        assertThat(prod.custom("cert-manager.io", "Certificate")).hasSize(SUITE.services.size());
        // the suite-wide ConfigMap every pod reads (its name has kustomize's hash suffix)
        assertThat(prod.ofType(ConfigMap.class))
                .filteredOn(c -> c.getMetadata().getName().startsWith("borderflow-"))
                .singleElement()
                .satisfies(c -> assertThat(c.getData()).containsEntry("QUARKUS_HTTP_INSECURE_REQUESTS", "disabled"));
        for (ServiceConfig service : SUITE.services) {
            Container server = prod.deployment(service.name)
                    .orElseThrow()
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0);
            assertThat(server.getReadinessProbe().getHttpGet().getScheme())
                    .as(service.name + " readiness over TLS")
                    .isEqualTo("HTTPS");
        }
    }

    @Test
    void devRunsTheLocalProfileOnAnInClusterPostgres() {
        Manifests dev = Manifests.parse(KUSTOMIZE.render(DEPLOY.resolve("overlays/dev")));
        assertThat(dev.ofType(Deployment.class))
                .extracting(d -> d.getMetadata().getName())
                .containsAll(SUITE.serviceNames());
        assertThat(dev.service("postgres")).isPresent();
        assertThat(dev.custom("postgresql.cnpg.io", "Cluster")).isEmpty();
        assertThat(dev.ofType(GenericKubernetesResource.class)).isEmpty();
    }

    @Test
    void theProdProfileServesNoReflectionAndNoBodyOverOneMebibyte() {
        for (ServiceConfig service : SUITE.services) {
            // what a prod pod resolves without BORDERFLOW_GRPC_REFLECTION set
            assertThat(service.resolve("quarkus.grpc.server.enable-reflection-service", Map.of()))
                    .as(service.name + " reflection")
                    .contains("false");
            assertThat(service.resolve("quarkus.http.limits.max-body-size", Map.of()))
                    .as(service.name + " HTTP body limit, as gRPC's 1 MiB")
                    .contains("1M");
            assertThat(service.resolve("quarkus.grpc.server.max-inbound-message-size", Map.of()))
                    .contains("1048576");
        }
    }

    @Test
    void theServicesServeQuarkusHealthAndMetricsPaths() {
        for (ServiceConfig service : SUITE.services) {
            assertThat(QuarkusEndpoints.of(service))
                    .as(service.name)
                    .isEqualTo(new QuarkusEndpoints.Paths(
                            "/q/health/live", "/q/health/ready", "/q/health/started", "/q/metrics"));
        }
    }

    @Test
    void theServicesCallEachOtherAsTheirClientsSay() {
        assertThat(SUITE.calls("checkpoint-service", "inspection-service")).isTrue();
        assertThat(SUITE.calls("inspection-service", "checkpoint-service")).isTrue();
        assertThat(SUITE.calls("routing-service", "checkpoint-service")).isTrue();
        assertThat(SUITE.calls("routing-service", "inspection-service")).isTrue();
        assertThat(SUITE.calls("checkpoint-service", "routing-service")).isFalse();
    }
}
