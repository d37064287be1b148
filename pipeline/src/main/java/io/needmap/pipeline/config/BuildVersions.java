package io.needmap.pipeline.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions needmap was built with (needmap, spark, smile, corenlp), filtered in by Maven. */
public final class BuildVersions {

    private BuildVersions() {}

    public static Properties load() {
        Properties versions = new Properties();
        try (InputStream in = BuildVersions.class.getResourceAsStream("/needmap-versions.properties")) {
            if (in != null) {
                versions.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }
}
