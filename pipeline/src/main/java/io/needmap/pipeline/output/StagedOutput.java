package io.needmap.pipeline.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.needmap.pipeline.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A run's output written where readers cannot see it half-done: every stage writes into a staging
 * folder beside the output ({@code .NAME.staging}), and only when all have finished is it
 * published: the old output is renamed aside ({@code .NAME.old}), the staging folder renamed to the
 * output, the old one deleted. A lock file beside the output ({@code .NAME.lock}, created only if
 * absent) names the run holding it, so a second run on the same output stops with a clear sentence.
 * Each finished stage leaves a marker with the fingerprint of what it was computed from, which
 * {@code --resume} compares to reuse it.
 *
 * <p>Why renames: on HDFS and local file systems a rename is atomic, so a reader sees the old
 * output or the new one, never a mix. Where it fails: between the two renames of a publish (a few
 * milliseconds) the output folder does not exist; a run killed exactly there leaves {@code .NAME.old},
 * which the next run puts back before anything else. On object stores ({@code s3a://}, {@code gs://})
 * a rename is a copy and delete, and creating the lock only if absent is not atomic: publish there
 * is not atomic, only ordered (see the README).
 */
public final class StagedOutput implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(StagedOutput.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STAGES = "_stages";

    private final FileSystem fs;
    private final Path output;
    private final Path staging;
    private final Path old;
    private final Path lock;
    private boolean locked;

    private StagedOutput(FileSystem fs, Path output) {
        this.fs = fs;
        this.output = output;
        Path parent = output.getParent();
        this.staging = new Path(parent, "." + output.getName() + ".staging");
        this.old = new Path(parent, "." + output.getName() + ".old");
        this.lock = new Path(parent, "." + output.getName() + ".lock");
    }

    /**
     * Takes the output's lock, puts back an output left aside by an interrupted publish, and prepares
     * the staging folder: emptied for a fresh run, kept for {@code resume}.
     *
     * @throws InputException when another live run holds the lock
     */
    public static StagedOutput open(String output, Configuration hadoop, boolean resume) {
        Path path = new Path(output);
        try {
            StagedOutput staged = new StagedOutput(
                    path.getFileSystem(hadoop), path.getFileSystem(hadoop).makeQualified(path));
            staged.fs.mkdirs(staged.output.getParent());
            staged.acquire();
            staged.recoverInterruptedPublish();
            if (!resume && staged.fs.exists(staged.staging)) {
                staged.fs.delete(staged.staging, true);
            }
            staged.fs.mkdirs(new Path(staged.staging, STAGES));
            return staged;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the staging folder for " + output, e);
        }
    }

    /** Where the stages write: the root of an {@link OutputLayout}. */
    public String staging() {
        return staging.toString();
    }

    /** Whether a stage finished in the staging folder from inputs with this fingerprint. */
    public boolean finished(String stage, String fingerprint) {
        Path marker = marker(stage);
        try {
            if (!fs.exists(marker)) {
                return false;
            }
            try (InputStream in = fs.open(marker)) {
                return fingerprint.equals(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + marker, e);
        }
    }

    /** Records that a stage finished from inputs with this fingerprint. */
    public void markFinished(String stage, String fingerprint) {
        write(marker(stage), fingerprint);
    }

    /**
     * Publishes the staging folder as the output, with {@code _SUCCESS} holding the summary as JSON;
     * the previous output stays whole until the staging folder has taken its place.
     */
    public void publish(Map<String, Object> summary) {
        try {
            fs.delete(new Path(staging, STAGES), true);
            write(new Path(staging, "_SUCCESS"), JSON.writeValueAsString(summary));
            if (fs.exists(output)) {
                if (fs.exists(old)) {
                    fs.delete(old, true);
                }
                rename(output, old);
            }
            rename(staging, output);
            fs.delete(old, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot publish " + staging + " as " + output, e);
        }
    }

    /** Releases the lock (the staging folder stays for {@code --resume} when the run failed). */
    @Override
    public void close() {
        if (locked) {
            try {
                fs.delete(lock, false);
                locked = false;
            } catch (IOException e) {
                LOG.warn("could not remove the lock {}: {}", lock, e.getMessage());
            }
        }
    }

    private void acquire() throws IOException {
        Map<String, Object> holder = new LinkedHashMap<>();
        holder.put("host", InetAddress.getLocalHost().getHostName());
        holder.put("pid", ProcessHandle.current().pid());
        holder.put("started", Instant.now().toString());
        holder.put("jvm", ManagementFactory.getRuntimeMXBean().getName());
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                createExclusively(lock, JSON.writeValueAsBytes(holder));
                locked = true;
                return;
            } catch (FileAlreadyExistsException | java.nio.file.FileAlreadyExistsException e) {
                Map<?, ?> other = readLock();
                if (!isDeadLocalRun(other, (String) holder.get("host"))) {
                    throw new InputException("Output " + output + " is locked by another needmap run (pid "
                            + other.get("pid") + " on " + other.get("host") + ", started " + other.get("started")
                            + "): wait for it to finish, or delete " + lock + " if that run is dead.");
                }
                LOG.warn(
                        "removing the stale lock {} of a run that is no longer alive (pid {})", lock, other.get("pid"));
                fs.delete(lock, false);
            }
        }
        throw new InputException("Could not take the lock " + lock + ": another run took it first.");
    }

    /**
     * Creates a file only if it does not exist, atomically: O_EXCL on a local disk (Hadoop's local
     * file system checks, then creates), the file system's own create-if-absent elsewhere (atomic on
     * HDFS, not on object stores).
     */
    private void createExclusively(Path file, byte[] content) throws IOException {
        if (fs instanceof LocalFileSystem local) {
            java.nio.file.Files.write(
                    local.pathToFile(file).toPath(), content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return;
        }
        try (OutputStream out = fs.create(file, false)) {
            out.write(content);
        }
    }

    private Map<?, ?> readLock() throws IOException {
        try (InputStream in = fs.open(lock)) {
            return JSON.readValue(in, Map.class);
        } catch (IOException e) {
            return Map.of("pid", "?", "host", "?", "started", "?");
        }
    }

    /** A lock left by a process of this host that no longer runs (killed with SIGKILL, say). */
    private static boolean isDeadLocalRun(Map<?, ?> holder, String thisHost) {
        return thisHost.equals(holder.get("host"))
                && holder.get("pid") instanceof Number pid
                && ProcessHandle.of(pid.longValue()).map(p -> !p.isAlive()).orElse(true);
    }

    private void recoverInterruptedPublish() throws IOException {
        if (!fs.exists(output) && fs.exists(old)) {
            LOG.warn("a publish of {} was interrupted: putting the previous output back", output);
            rename(old, output);
        }
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("rename " + from + " -> " + to + " failed");
        }
    }

    private Path marker(String stage) {
        return new Path(new Path(staging, STAGES), stage);
    }

    private void write(Path file, String content) {
        try (OutputStream out = fs.create(file, true)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
