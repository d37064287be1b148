package io.needmap.pipeline.run;

import io.needmap.pipeline.config.BuildVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Cheap identities of what a stage is computed from, for {@code --resume}: a SHA-256 of text, and
 * the listing of a folder or file (relative path, size and modification time of every file). A
 * listing does not read the data, so a file rewritten with the same size within the same
 * modification-time tick looks unchanged; that is the price of not hashing gigabytes on every run.
 */
public final class Fingerprints {
    private Fingerprints() {}

    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * What a run is computed from: the input files (path, size, modification time), every setting,
     * the previous run and labels file it continues, and the needmap version.
     */
    public static String ofRun(RunContext context, String inputDir, Configuration hadoop) {
        StringBuilder what = new StringBuilder(BuildVersions.load().getProperty("needmap", "unknown"));
        context.settings().forEach((key, value) -> {
            if (!key.equals("run.progress-seconds")) { // only logging: a resumed run may change it
                what.append('\n').append(key).append('=').append(value);
            }
        });
        what.append("\nprevious=")
                .append(context.previous())
                .append("\nlabels=")
                .append(context.labels());
        for (String listed : new String[] {inputDir, context.labels()}) {
            if (listed != null) {
                what.append('\n').append(listing(listed, hadoop));
            }
        }
        return sha256(what.toString());
    }

    /** One line per file under {@code location} (or the file itself), sorted: path, size, modified. */
    public static String listing(String location, Configuration hadoop) {
        Path root = new Path(location);
        try {
            FileSystem fs = root.getFileSystem(hadoop);
            if (!fs.exists(root)) {
                return location + " missing";
            }
            String prefix = fs.makeQualified(root).toString();
            List<String> lines = new ArrayList<>();
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
            while (files.hasNext()) {
                LocatedFileStatus file = files.next();
                lines.add(file.getPath()
                                .toString()
                                .substring(Math.min(
                                        prefix.length(),
                                        file.getPath().toString().length()))
                        + " " + file.getLen() + " " + file.getModificationTime());
            }
            lines.sort(null);
            return String.join("\n", lines);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + location, e);
        }
    }
}
