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
 * it does not list already, added first to its own list (one database option at most: a component that sets DB_HOST
 * is one). Read from the folders, so a new overlay or component is checked without touching this class.
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

        /**
         * The folder to render: the overlay itself, or a copy of deploy/ in {@code work} whose overlay lists the added
         * components first among its own, as someone enabling one would (uncommenting its line): a component that
         * patches another's resources (tls making service-monitor's ServiceMonitors scrape over https) then finds them.
         */
        Path kustomization(Path deploy, Path work) {
            Path overlayDir = isBase()
                    ? deploy.resolve("base")
                    : deploy.resolve("overlays").resolve(overlay);
            if (added.isEmpty()) {
                return overlayDir;
            }
            Path copy = work.resolve(name().replace(" + ", "+"));
            Path file = copy.resolve("overlays").resolve(overlay).resolve("kustomization.yaml");
            StringBuilder listed = new StringBuilder();
            added.forEach(c -> listed.append("  - ../../components/").append(c).append('\n'));
            try {
                copyTree(deploy, copy);
                String yaml = Files.readString(file);
                int components = yaml.indexOf("\ncomponents:\n");
                yaml = components < 0
                        ? yaml + "components:\n" + listed
                        : yaml.substring(0, components + "\ncomponents:\n".length())
                                + listed
                                + yaml.substring(components + "\ncomponents:\n".length());
                Files.writeString(file, yaml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return file.getParent();
        }

        private static void copyTree(Path from, Path to) throws IOException {
            try (Stream<Path> files = Files.walk(from)) {
                for (Path source : files.toList()) {
                    Path target = to.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
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
