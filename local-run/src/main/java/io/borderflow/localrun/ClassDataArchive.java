package io.borderflow.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A service's class-data sharing archive (dynamic AppCDS, JDK 13+): the classes a start loaded, parsed and verified
 * once and mapped by the next JVM instead of loaded again, which takes about 40 % off a service's start (5.6 s to
 * 3.3 s for checkpoint-service alone on the 2-core build machine, timed by hand). The first start of a build trains
 * it (the JVM writes the archive when it exits normally, SIGINT and SIGTERM included); later starts use it.
 *
 * <p>An archive is valid only for the exact JDK and the exact jars it was made from, so its file name carries a
 * fingerprint of both (the JDK's version and home, each file of the Quarkus application's name, size and time): a
 * rebuild or another JDK trains a new one, never uses a stale one. It lives beside the application
 * ({@code target/quarkus-app/}), so every suite started from one build shares it, the tests' included. A training
 * JVM writes to a file of its own, moved into place only once the JVM has exited normally, so two replicas training
 * at once or a JVM killed while writing never leave a half-written archive under the final name.
 */
final class ClassDataArchive {
    static final String PREFIX = "borderflow-cds-";
    private static final String SUFFIX = ".jsa";
    /**
     * The JVM's exit status after SIGINT (128 + 2: Ctrl-C in the terminal reaches the services as well as the local
     * run) and after SIGTERM (128 + 15); either still runs the JVM's exit path, which writes the archive.
     */
    private static final int EXIT_ON_SIGINT = 130;

    private static final int EXIT_ON_SIGTERM = 143;

    private final Path jar;
    private final Path archive;

    private ClassDataArchive(Path jar, Path archive) {
        this.jar = jar;
        this.archive = archive;
    }

    /** The archive for the application whose runner jar is {@code jar}, on the JDK running this code. */
    static ClassDataArchive forApplication(Path jar) {
        Path real;
        try {
            // the real path: the JVM refuses an archive made with the jar under another path, and walked through a
            // symbolic link the fingerprint would see no files
            real = jar.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        Path folder = real.getParent();
        return new ClassDataArchive(real, folder.resolve(PREFIX + fingerprint(folder, jdk()) + SUFFIX));
    }

    /** The application's runner jar by its real path, the one to start it with. */
    Path jar() {
        return jar;
    }

    Path path() {
        return archive;
    }

    boolean exists() {
        return Files.isRegularFile(archive);
    }

    /**
     * The JVM options for one start: use the archive if there is one, else train it into a file of this start's
     * own ({@link Start#settle} moves it into place). The JVM's CDS messages (classes it could not archive) stay out
     * of the service's log.
     */
    Start start() {
        if (exists()) {
            return new Start(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=off"), null);
        }
        Path training = archive.resolveSibling(archive.getFileName() + "." + UUID.randomUUID() + ".training");
        return new Start(List.of("-XX:ArchiveClassesAtExit=" + training, "-Xlog:cds*=off"), training);
    }

    /** One JVM start's use of the archive: the options it ran with and, when it trains, the file it writes. */
    final class Start {
        private final List<String> options;
        private final Path training;
        private volatile boolean ready;

        private Start(List<String> options, Path training) {
            this.options = options;
            this.training = training;
        }

        List<String> options() {
            return options;
        }

        boolean trains() {
            return training != null;
        }

        /** The service became ready: what it has loaded by its exit covers a whole start. */
        void ready() {
            ready = true;
        }

        /**
         * After the JVM has exited: a training JVM that had become ready and exited normally (0, 130 after SIGINT
         * or 143 after SIGTERM) has written the archive, which now takes its place; whatever else it left (stopped
         * while starting, killed, or failed) is deleted. Other archives of the application, made from earlier builds
         * or JDKs, go too.
         */
        void settle(int exitStatus) {
            if (training == null) {
                return;
            }
            try {
                boolean normalExit = exitStatus == 0 || exitStatus == EXIT_ON_SIGINT || exitStatus == EXIT_ON_SIGTERM;
                if (ready && normalExit && Files.isRegularFile(training)) {
                    Files.move(training, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    deleteOthers();
                } else {
                    Files.deleteIfExists(training);
                }
            } catch (IOException e) {
                // the archive only speeds up a start: without it the next start trains again
                System.err.println("class-data archive " + archive + " not kept: " + e.getMessage());
            }
        }
    }

    private void deleteOthers() throws IOException {
        try (Stream<Path> files = Files.list(archive.getParent())) {
            for (Path other : files.filter(p -> p.getFileName().toString().startsWith(PREFIX))
                    .filter(p -> p.getFileName().toString().endsWith(SUFFIX) && !p.equals(archive))
                    .toList()) {
                Files.deleteIfExists(other);
            }
        }
    }

    /** What identifies the running JDK build: an archive made by another one is refused by the JVM. */
    static String jdk() {
        return Runtime.version() + "|" + System.getProperty("java.vm.version") + "|" + System.getProperty("java.home");
    }

    /**
     * A short hash of the JDK and of every file of the application under {@code folder} (relative path, size, last
     * modified), archives and trainings left out.
     */
    static String fingerprint(Path folder, String jdk) {
        try (Stream<Path> files = Files.walk(folder)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(jdk.getBytes(StandardCharsets.UTF_8));
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(PREFIX))
                    .sorted()
                    .toList()) {
                String entry = "\n" + folder.relativize(file) + "|" + Files.size(file) + "|"
                        + Files.getLastModifiedTime(file).toMillis();
                digest.update(entry.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
