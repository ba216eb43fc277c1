package io.borderflow.deploycheck;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment a container starts with: its envFrom sources in order, then its env (later wins, as in Kubernetes).
 * Values from a Secret are not known here and read as {@code <secret name/key>}. References to a ConfigMap or Secret
 * or key that nothing provides are reported as problems.
 */
final class ContainerEnvironment {
    final Map<String, String> values = new LinkedHashMap<>();
    /** Variable -> the Secret and key it comes from. */
    final Map<String, String> fromSecrets = new LinkedHashMap<>();

    static ContainerEnvironment of(
            String where, Container container, Manifests manifests, Provided provided, List<String> problems) {
        ContainerEnvironment environment = new ContainerEnvironment();
        for (EnvFromSource source : container.getEnvFrom()) {
            String prefix = source.getPrefix() == null ? "" : source.getPrefix();
            if (source.getConfigMapRef() != null) {
                String name = source.getConfigMapRef().getName();
                Optional<ConfigMap> configMap = manifests.configMap(name);
                if (configMap.isEmpty()) {
                    if (!Boolean.TRUE.equals(source.getConfigMapRef().getOptional())) {
                        problems.add(where + ": envFrom ConfigMap " + name + " is not in the manifests");
                    }
                } else if (configMap.get().getData() != null) {
                    configMap.get().getData().forEach((k, v) -> environment.values.put(prefix + k, v));
                }
            }
            if (source.getSecretRef() != null) {
                String name = source.getSecretRef().getName();
                Optional<Provided.SecretSource> secret = provided.secret(name);
                if (secret.isEmpty()) {
                    if (!Boolean.TRUE.equals(source.getSecretRef().getOptional())) {
                        problems.add(where + ": envFrom Secret " + name + " is neither in the manifests nor documented"
                                + " in deploy/README.md as supplied by the operator");
                    }
                } else {
                    secret.get().keys().forEach(k -> environment.set(prefix + k, name, k));
                }
            }
        }
        for (EnvVar variable : container.getEnv()) {
            String name = variable.getName();
            if (variable.getValueFrom() == null) {
                environment.values.put(name, variable.getValue() == null ? "" : variable.getValue());
                environment.fromSecrets.remove(name);
                continue;
            }
            var configMapKey = variable.getValueFrom().getConfigMapKeyRef();
            var secretKey = variable.getValueFrom().getSecretKeyRef();
            if (configMapKey != null) {
                Optional<String> value = manifests
                        .configMap(configMapKey.getName())
                        .map(c -> c.getData() == null ? null : c.getData().get(configMapKey.getKey()));
                if (value.isPresent()) {
                    environment.values.put(name, value.get());
                } else if (!Boolean.TRUE.equals(configMapKey.getOptional())) {
                    problems.add(where + ": " + name + " comes from key " + configMapKey.getKey() + " of ConfigMap "
                            + configMapKey.getName() + ", which the manifests do not define");
                }
            } else if (secretKey != null) {
                Optional<Provided.SecretSource> secret = provided.secret(secretKey.getName());
                if (secret.isEmpty()) {
                    problems.add(where + ": " + name + " comes from Secret " + secretKey.getName()
                            + ", which is neither in the manifests, nor made by an operator they use, nor documented"
                            + " in deploy/README.md as supplied by the operator");
                } else if (!secret.get().keys().contains(secretKey.getKey())) {
                    problems.add(where + ": " + name + " comes from key " + secretKey.getKey() + " of Secret "
                            + secretKey.getName() + ", which has only "
                            + secret.get().keys().stream().sorted().toList()
                            + " (" + secret.get().origin() + ")");
                } else {
                    environment.set(name, secretKey.getName(), secretKey.getKey());
                }
            }
        }
        return environment;
    }

    private void set(String name, String secret, String key) {
        values.put(name, "<secret " + secret + "/" + key + ">");
        fromSecrets.put(name, secret + "/" + key);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }
}
