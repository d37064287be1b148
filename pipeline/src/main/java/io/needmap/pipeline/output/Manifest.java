package io.needmap.pipeline.output;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code manifest.json}: what a run read, accepted and rejected per table, with which parameters,
 * which k and why, and how long each stage took. It is how a scheduled job's output explains
 * itself; each stage merges its own section into the existing file, so rerunning one stage keeps
 * the others' record.
 */
public final class Manifest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path path;
    private final Configuration hadoop;
    private final Map<String, Object> content;

    private Manifest(Path path, Configuration hadoop, Map<String, Object> content) {
        this.path = path;
        this.hadoop = hadoop;
        this.content = content;
    }

    /** The manifest at {@code location}, or an empty one if there is none yet. */
    public static Manifest open(String location, Configuration hadoop) {
        Path path = new Path(location);
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            if (!fs.exists(path)) {
                return new Manifest(path, hadoop, new LinkedHashMap<>());
            }
            try (InputStream in = fs.open(path)) {
                return new Manifest(
                        path, hadoop, JSON.readValue(in, new TypeReference<LinkedHashMap<String, Object>>() {}));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + location, e);
        }
    }

    /** Replaces a top-level section. */
    public Manifest put(String section, Object value) {
        content.put(section, value);
        return this;
    }

    /** Removes a top-level section an earlier run may have left. */
    public Manifest remove(String section) {
        content.remove(section);
        return this;
    }

    /** Sets one entry of a top-level object section, creating the section when needed. */
    @SuppressWarnings("unchecked")
    public Manifest putIn(String section, String key, Object value) {
        ((Map<String, Object>) content.computeIfAbsent(section, s -> new LinkedHashMap<String, Object>()))
                .put(key, value);
        return this;
    }

    public Object get(String section) {
        return content.get(section);
    }

    public void save() {
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            try (OutputStream out = fs.create(path, true)) {
                JSON.writeValue(out, content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + path, e);
        }
    }
}
