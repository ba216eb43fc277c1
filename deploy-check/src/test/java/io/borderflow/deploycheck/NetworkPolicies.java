package io.borderflow.deploycheck;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;

/**
 * Whether Kubernetes NetworkPolicies let one endpoint open a connection to another, following the NetworkPolicy
 * semantics (a pod selected by no policy of a direction is open in it; otherwise the union of the selecting policies'
 * rules decides; a connection needs the source's egress and the destination's ingress). Pods are known by labels and
 * namespace, not by address: an ipBlock matches only endpoints outside the cluster.
 */
final class NetworkPolicies {
    private final List<NetworkPolicy> policies;
    private final String namespace;

    NetworkPolicies(Manifests manifests) {
        this.policies = manifests.ofType(NetworkPolicy.class);
        this.namespace = manifests.namespace();
    }

    /** A pod (namespace and labels, with its named ports) or, with a null namespace, an address outside the cluster. */
    record Endpoint(
            String description,
            String namespace,
            Map<String, String> namespaceLabels,
            Map<String, String> podLabels,
            Map<String, Integer> namedPorts) {
        static Endpoint outside(String description) {
            return new Endpoint(description, null, Map.of(), Map.of(), Map.of());
        }

        boolean inCluster() {
            return namespace != null;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    boolean any() {
        return !policies.isEmpty();
    }

    /** Whether a policy puts the pod's {@code direction} ("Ingress" or "Egress") under policy. */
    boolean isolated(Endpoint pod, String direction) {
        return policies.stream().anyMatch(p -> selects(p, pod) && types(p).contains(direction));
    }

    boolean allows(Endpoint from, Endpoint to, int port, String protocol) {
        return egressAllowed(from, to, port, protocol) && ingressAllowed(from, to, port, protocol);
    }

    private boolean egressAllowed(Endpoint from, Endpoint to, int port, String protocol) {
        if (!from.inCluster() || !isolated(from, "Egress")) {
            return true;
        }
        return policies.stream()
                .filter(p -> selects(p, from) && types(p).contains("Egress"))
                .flatMap(p -> p.getSpec().getEgress().stream())
                .anyMatch(rule -> peersMatch(rule.getTo(), to) && portsMatch(rule.getPorts(), to, port, protocol));
    }

    private boolean ingressAllowed(Endpoint from, Endpoint to, int port, String protocol) {
        if (!to.inCluster() || !isolated(to, "Ingress")) {
            return true;
        }
        return policies.stream()
                .filter(p -> selects(p, to) && types(p).contains("Ingress"))
                .flatMap(p -> p.getSpec().getIngress().stream())
                .anyMatch(rule -> peersMatch(rule.getFrom(), from) && portsMatch(rule.getPorts(), to, port, protocol));
    }

    private boolean selects(NetworkPolicy policy, Endpoint pod) {
        String policyNamespace = policy.getMetadata().getNamespace() == null
                ? namespace
                : policy.getMetadata().getNamespace();
        return pod.inCluster()
                && policyNamespace.equals(pod.namespace())
                && matches(policy.getSpec().getPodSelector(), pod.podLabels());
    }

    private static List<String> types(NetworkPolicy policy) {
        List<String> types = policy.getSpec().getPolicyTypes();
        if (types != null && !types.isEmpty()) {
            return types;
        }
        return policy.getSpec().getEgress() != null
                        && !policy.getSpec().getEgress().isEmpty()
                ? List.of("Ingress", "Egress")
                : List.of("Ingress");
    }

    private boolean peersMatch(List<NetworkPolicyPeer> peers, Endpoint other) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        return peers.stream().anyMatch(peer -> peerMatches(peer, other));
    }

    private boolean peerMatches(NetworkPolicyPeer peer, Endpoint other) {
        if (peer.getIpBlock() != null) {
            return !other.inCluster();
        }
        if (!other.inCluster()) {
            return false;
        }
        boolean namespaceMatches = peer.getNamespaceSelector() == null
                ? namespace.equals(other.namespace())
                : matches(peer.getNamespaceSelector(), other.namespaceLabels());
        boolean podMatches = peer.getPodSelector() == null || matches(peer.getPodSelector(), other.podLabels());
        return namespaceMatches && podMatches;
    }

    private static boolean portsMatch(List<NetworkPolicyPort> ports, Endpoint destination, int port, String protocol) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        return ports.stream().anyMatch(p -> {
            String ruleProtocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
            if (!ruleProtocol.equals(protocol)) {
                return false;
            }
            IntOrString rulePort = p.getPort();
            if (rulePort == null) {
                return true;
            }
            if (rulePort.getStrVal() != null) {
                Integer named = destination.namedPorts().get(rulePort.getStrVal());
                return named != null && named == port;
            }
            int low = rulePort.getIntVal();
            int high = p.getEndPort() == null ? low : p.getEndPort();
            return port >= low && port <= high;
        });
    }

    /** Label selector semantics: every matchLabels pair and every matchExpressions requirement holds ({} matches all). */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String value = labels.get(r.getKey());
                boolean holds = switch (r.getOperator()) {
                    case "In" -> value != null && r.getValues().contains(value);
                    case "NotIn" -> value == null || !r.getValues().contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> throw new IllegalArgumentException("unknown selector operator " + r.getOperator());
                };
                if (!holds) {
                    return false;
                }
            }
        }
        return true;
    }
}
