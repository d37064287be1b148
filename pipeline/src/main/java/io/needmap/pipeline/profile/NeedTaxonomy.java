package io.needmap.pipeline.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The customer needs a segment can be labelled with, read from YAML ({@code conf/needs.yaml}, bundled
 * as the default): {@code needs: [{name, description, keywords: [...]}, ...]}. The file is meant to be
 * edited or replaced by the marketer who reads the labels, so a malformed file fails with what to fix.
 */
public record NeedTaxonomy(List<Need> needs) implements Serializable {

    /** Where the bundled default lives on the class path. */
    public static final String BUNDLED = "/needs.yaml";

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One need: the label, what it means, and the words that reveal it. */
    public record Need(String name, String description, List<String> keywords) implements Serializable {

        /** Finds any keyword as a whole word or phrase, ignoring case (compile once, match many). */
        public Pattern pattern() {
            StringBuilder alternatives = new StringBuilder();
            for (String keyword : keywords) {
                alternatives
                        .append(alternatives.length() == 0 ? "" : "|")
                        .append(Pattern.quote(keyword.toLowerCase(Locale.ROOT)));
            }
            return Pattern.compile(
                    "(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        }
    }

    public NeedTaxonomy {
        if (needs == null || needs.isEmpty()) {
            throw new IllegalArgumentException(
                    "Need taxonomy: the file lists no needs (expected 'needs:' with a list).");
        }
        for (int i = 0; i < needs.size(); i++) {
            Need need = needs.get(i);
            if (need == null || need.name() == null || need.name().isBlank()) {
                throw new IllegalArgumentException("Need taxonomy: need #" + (i + 1) + " has no name.");
            }
            if (need.keywords() == null
                    || need.keywords().stream().anyMatch(k -> k == null || k.isBlank())
                    || need.keywords().isEmpty()) {
                throw new IllegalArgumentException(
                        "Need taxonomy: need '" + need.name() + "' needs a non-empty list of keywords.");
            }
        }
        needs = List.copyOf(needs);
    }

    /**
     * @param location a file (any Hadoop path), or empty for the bundled taxonomy
     */
    public static NeedTaxonomy load(String location, Configuration hadoop) {
        try {
            if (location == null || location.isBlank()) {
                try (InputStream in = NeedTaxonomy.class.getResourceAsStream(BUNDLED)) {
                    if (in == null) {
                        throw new IllegalStateException(
                                "The bundled need taxonomy " + BUNDLED + " is missing from the jar.");
                    }
                    return parse(in, "the bundled needs.yaml");
                }
            }
            Path path = new Path(location);
            if (!path.getFileSystem(hadoop).exists(path)) {
                throw new IllegalArgumentException("Need taxonomy " + location + " does not exist.");
            }
            try (InputStream in = path.getFileSystem(hadoop).open(path)) {
                return parse(in, location);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read need taxonomy " + location + ": " + e.getMessage());
        }
    }

    static NeedTaxonomy parse(InputStream in, String source) {
        try {
            return YAML.readValue(in, NeedTaxonomy.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Need taxonomy " + source + " is not valid: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read need taxonomy " + source + ": " + e.getMessage());
        }
    }
}
