package io.borderflow.deploycheck;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rendering of deploy/, parsed into Kubernetes' object model (fabric8). Kinds the model does not know (CloudNativePG's
 * Cluster, cert-manager's Certificate, the Prometheus Operator's ServiceMonitor) come back as
 * {@link GenericKubernetesResource}.
 */
final class Manifests {
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    final List<HasMetadata> all;

    private Manifests(List<HasMetadata> all) {
        this.all = List.copyOf(all);
    }

    static Manifests parse(String yaml) {
        List<HasMetadata> items = new ArrayList<>();
        collect(YAML.unmarshal(yaml), items);
        return new Manifests(items);
    }

    private static void collect(Object parsed, List<HasMetadata> items) {
        if (parsed == null) {
            return;
        }
        if (parsed instanceof KubernetesList list) {
            items.addAll(list.getItems());
        } else if (parsed instanceof List<?> list) {
            list.forEach(item -> collect(item, items));
        } else if (parsed instanceof HasMetadata resource) {
            items.add(resource);
        } else {
            throw new IllegalArgumentException(
                    "not a Kubernetes resource: " + parsed.getClass().getName());
        }
    }

    <T extends HasMetadata> List<T> ofType(Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Resources of a custom kind, e.g. ("postgresql.cnpg.io", "Cluster"). */
    List<GenericKubernetesResource> custom(String group, String kind) {
        return ofType(GenericKubernetesResource.class).stream()
                .filter(r -> kind.equals(r.getKind())
                        && r.getApiVersion() != null
                        && r.getApiVersion().startsWith(group + "/"))
                .toList();
    }

    private static <T extends HasMetadata> Optional<T> named(List<T> resources, String name) {
        return resources.stream()
                .filter(r -> name.equals(r.getMetadata().getName()))
                .findFirst();
    }

    Optional<Deployment> deployment(String name) {
        return named(ofType(Deployment.class), name);
    }

    Optional<Service> service(String name) {
        return named(ofType(Service.class), name);
    }

    Optional<ConfigMap> configMap(String name) {
        return named(ofType(ConfigMap.class), name);
    }

    Optional<Secret> secret(String name) {
        return named(ofType(Secret.class), name);
    }

    /** The namespace everything is rendered into ("default" when the rendering sets none, as the base). */
    String namespace() {
        return all.stream()
                .map(r -> r.getMetadata().getNamespace())
                .filter(ns -> ns != null)
                .findFirst()
                .orElse("default");
    }

    /** The labels of the namespace: those of its Namespace resource when rendered, and Kubernetes' own name label. */
    Map<String, String> namespaceLabels() {
        Map<String, String> labels = new HashMap<>();
        String namespace = namespace();
        ofType(Namespace.class).stream()
                .filter(n -> namespace.equals(n.getMetadata().getName()))
                .findFirst()
                .map(n -> n.getMetadata().getLabels())
                .ifPresent(labels::putAll);
        labels.put("kubernetes.io/metadata.name", namespace);
        return labels;
    }

    /** A Deployment or StatefulSet and its pod template. */
    record Workload(String kind, String name, PodTemplateSpec template) {
        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        ofType(Deployment.class)
                .forEach(d -> workloads.add(new Workload(
                        "Deployment", d.getMetadata().getName(), d.getSpec().getTemplate())));
        ofType(StatefulSet.class)
                .forEach(s -> workloads.add(new Workload(
                        "StatefulSet", s.getMetadata().getName(), s.getSpec().getTemplate())));
        return workloads;
    }
}
