package io.borderflow.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {
    @TempDir
    Path app;

    private Path jar;

    @BeforeEach
    void application() throws IOException {
        jar = Files.writeString(app.resolve("quarkus-run.jar"), "runner");
        Files.createDirectories(app.resolve("lib/main"));
        Files.writeString(app.resolve("lib/main/a.jar"), "library");
    }

    @Test
    void theFingerprintFollowsTheJdkAndEveryFileButTheArchivesThemselves() throws IOException {
        String first = ClassDataArchive.fingerprint(app, "17.0.15");
        assertThat(ClassDataArchive.fingerprint(app, "17.0.15")).isEqualTo(first);
        assertThat(ClassDataArchive.fingerprint(app, "17.0.16")).isNotEqualTo(first);

        Files.writeString(app.resolve(ClassDataArchive.PREFIX + "0123.jsa"), "an archive");
        Files.writeString(app.resolve(ClassDataArchive.PREFIX + "0123.jsa.x.training"), "a training");
        assertThat(ClassDataArchive.fingerprint(app, "17.0.15"))
                .as("archives left out")
                .isEqualTo(first);

        Path library = app.resolve("lib/main/a.jar");
        Files.setLastModifiedTime(library, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        String touched = ClassDataArchive.fingerprint(app, "17.0.15");
        assertThat(touched).as("a rebuilt jar").isNotEqualTo(first);
        Files.writeString(app.resolve("lib/main/b.jar"), "another library");
        assertThat(ClassDataArchive.fingerprint(app, "17.0.15"))
                .as("a jar added")
                .isNotEqualTo(touched);
    }

    @Test
    void theFirstStartTrainsAndTheArchiveIsKeptOnlyAfterANormalExit() throws IOException {
        ClassDataArchive archive = ClassDataArchive.forApplication(jar);
        assertThat(archive.path().getParent()).isEqualTo(app.toRealPath());
        assertThat(archive.jar()).isEqualTo(jar.toRealPath());
        assertThat(archive.exists()).isFalse();

        ClassDataArchive.Start killed = archive.start();
        assertThat(killed.trains()).isTrue();
        killed.ready();
        Path killedTraining = training(killed);
        Files.writeString(killedTraining, "half written");
        killed.settle(137);
        assertThat(killedTraining).doesNotExist();
        assertThat(archive.exists())
                .as("a JVM killed while writing leaves no archive")
                .isFalse();

        ClassDataArchive.Start stoppedWhileStarting = archive.start();
        Files.writeString(training(stoppedWhileStarting), "a start's first classes");
        stoppedWhileStarting.settle(143);
        assertThat(training(stoppedWhileStarting)).doesNotExist();
        assertThat(archive.exists())
                .as("a JVM stopped before it was ready covers no whole start")
                .isFalse();

        Path older = Files.writeString(app.resolve(ClassDataArchive.PREFIX + "0000000000000000.jsa"), "earlier build");
        ClassDataArchive.Start stopped = archive.start();
        Path training = training(stopped);
        assertThat(training).isNotEqualTo(killedTraining);
        Files.writeString(training, "archive");
        stopped.ready();
        stopped.settle(143);
        assertThat(archive.exists()).isTrue();
        assertThat(Files.readString(archive.path())).isEqualTo("archive");
        assertThat(training).doesNotExist();
        assertThat(older).as("an earlier build's archive").doesNotExist();

        ClassDataArchive.Start next = archive.start();
        assertThat(next.trains()).isFalse();
        assertThat(next.options()).contains("-XX:SharedArchiveFile=" + archive.path());
        next.settle(0);
        assertThat(archive.exists()).isTrue();
    }

    @Test
    void ctrlCInTheTerminalKeepsTheArchive() throws IOException {
        // the terminal sends SIGINT to the whole foreground group: each service exits 130, not 143
        ClassDataArchive archive = ClassDataArchive.forApplication(jar);
        ClassDataArchive.Start interrupted = archive.start();
        Files.writeString(training(interrupted), "archive");
        interrupted.ready();
        interrupted.settle(130);
        assertThat(archive.exists()).isTrue();
        assertThat(training(interrupted)).doesNotExist();
    }

    @Test
    void aTrainingThatWroteNothingLeavesNothing() {
        ClassDataArchive archive = ClassDataArchive.forApplication(jar);
        ClassDataArchive.Start failed = archive.start();
        failed.ready();
        failed.settle(0);
        assertThat(archive.exists()).isFalse();
        assertThat(archive.start().trains()).isTrue();
    }

    @Test
    void aRebuildGetsAnArchiveOfItsOwn() throws IOException {
        Path before = ClassDataArchive.forApplication(jar).path();
        Files.writeString(jar, "rebuilt runner");
        assertThat(ClassDataArchive.forApplication(jar).path()).isNotEqualTo(before);
    }

    private static Path training(ClassDataArchive.Start start) {
        String option = start.options().stream()
                .filter(o -> o.startsWith("-XX:ArchiveClassesAtExit="))
                .findFirst()
                .orElseThrow();
        Path path = Path.of(option.substring("-XX:ArchiveClassesAtExit=".length()));
        assertThat(path.getFileName().toString())
                .startsWith(ClassDataArchive.PREFIX)
                .endsWith(".training");
        return path;
    }
}
