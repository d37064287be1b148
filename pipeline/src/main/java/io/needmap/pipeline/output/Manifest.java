package io.needmap.pipeline.output;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
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
 *
 * <p>A section is a JSON value: a stage puts a record (its components written in snake_case) or a
 * plain value, and reads a section back as a type of its own ({@link #get(String, Class)}), so no
 * stage casts another's maps. Keys a type does not know are ignored, so a manifest of an older run
 * still reads.
 */
public final class Manifest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

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

    /** A section read as {@code type}, or null when there is none. */
    public <T> T get(String section, Class<T> type) {
        Object value = content.get(section);
        return value == null ? null : JSON.convertValue(value, type);
    }

    /** A section read as a generic type (a map of records, say), or null when there is none. */
    public <T> T get(String section, TypeReference<T> type) {
        Object value = content.get(section);
        return value == null ? null : JSON.convertValue(value, type);
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
