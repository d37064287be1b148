package io.needmap.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folder copies and removals the end-to-end tests make around their runs' inputs and outputs. */
final class TestFolders {
    private TestFolders() {}

    /** Copies the folder {@code from} with everything under it to {@code to}, which must not hold any of it yet. */
    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path copied = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copied);
                } else {
                    Files.copy(file, copied);
                }
            }
        }
    }

    /**
     * A new temporary folder that lives as long as the test JVM, for runs shared by several test
     * classes (a class's own {@code @TempDir} is removed when the class ends).
     */
    static Path forThisJvm(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                delete(dir);
            } catch (IOException e) {
                // best effort: it is a temporary folder
            }
        }));
        return dir;
    }

    /** Removes {@code dir} with everything under it; nothing when it does not exist. */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
