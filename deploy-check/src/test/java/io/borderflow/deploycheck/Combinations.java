package io.borderflow.deploycheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every way deploy/ can be rendered: the base, each overlay as it is, and each overlay with every set of the components
 * it does not list already (one database option at most: a component that sets DB_HOST is one). Read from the
 * folders, so a new overlay or component is checked without touching this class.
 */
final class Combinations {
    private static final Pattern LISTED_COMPONENT =
            Pattern.compile("^\\s*-\\s*\\.\\./\\.\\./components/([a-z0-9-]+)\\s*$", Pattern.MULTILINE);

    /** One rendering: an overlay (or the base) and the components added to it, in name order. */
    record Combination(String overlay, List<String> added) {
        String name() {
            return added.isEmpty() ? overlay : overlay + " + " + String.join(" + ", added);
        }

        boolean isBase() {
            return overlay.equals("base");
        }

        /** The folder to render: the overlay itself, or a kustomization in {@code work} adding the components to it. */
        Path kustomization(Path deploy, Path work) {
            Path overlayDir = isBase()
                    ? deploy.resolve("base")
                    : deploy.resolve("overlays").resolve(overlay);
            if (added.isEmpty()) {
                return overlayDir;
            }
            Path dir = work.resolve(name().replace(" + ", "+"));
            StringBuilder yaml = new StringBuilder("""
                    apiVersion: kustomize.config.k8s.io/v1beta1
                    kind: Kustomization
                    resources:
                    """);
            yaml.append("  - ").append(relative(dir, overlayDir)).append('\n').append("components:\n");
            added.forEach(c -> yaml.append("  - ")
                    .append(relative(dir, deploy.resolve("components").resolve(c)))
                    .append('\n'));
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("kustomization.yaml"), yaml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return dir;
        }

        private static String relative(Path from, Path to) {
            return from.toAbsolutePath()
                    .normalize()
                    .relativize(to.toAbsolutePath().normalize())
                    .toString();
        }
    }

    private Combinations() {}

    static List<Combination> of(Path deploy) {
        List<String> components = folders(deploy.resolve("components"));
        List<Combination> all = new ArrayList<>();
        all.add(new Combination("base", List.of()));
        for (String overlay : folders(deploy.resolve("overlays"))) {
            List<String> listed = listedComponents(deploy.resolve("overlays").resolve(overlay));
            List<String> optional =
                    components.stream().filter(c -> !listed.contains(c)).toList();
            for (int mask = 0; mask < 1 << optional.size(); mask++) {
                List<String> added = new ArrayList<>();
                for (int i = 0; i < optional.size(); i++) {
                    if ((mask & 1 << i) != 0) {
                        added.add(optional.get(i));
                    }
                }
                long databases = Stream.concat(listed.stream(), added.stream())
                        .filter(c -> isDatabase(deploy, c))
                        .count();
                if (databases <= 1) {
                    all.add(new Combination(overlay, List.copyOf(added)));
                }
            }
        }
        return all;
    }

    static List<String> listedComponents(Path overlay) {
        List<String> listed = new ArrayList<>();
        Matcher m = LISTED_COMPONENT.matcher(read(overlay.resolve("kustomization.yaml")));
        while (m.find()) {
            listed.add(m.group(1));
        }
        return listed;
    }

    /** A database option: it tells the services where their database is. */
    private static boolean isDatabase(Path deploy, String component) {
        return read(deploy.resolve("components").resolve(component).resolve("kustomization.yaml"))
                .contains("DB_HOST=");
    }

    private static List<String> folders(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
