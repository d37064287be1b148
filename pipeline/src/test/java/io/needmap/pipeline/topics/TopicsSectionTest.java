package io.needmap.pipeline.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needmap.pipeline.output.Manifest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest's {@code topics} section as the stage records it: no Spark. */
class TopicsSectionTest {
    @TempDir
    Path dir;

    private Map<?, ?> recorded(Topics.Section section) {
        String location = dir.resolve("manifest.json").toString();
        Manifest.open(location, new Configuration()).put("topics", section).save();
        return (Map<?, ?>) Manifest.open(location, new Configuration()).get("topics");
    }

    @Test
    void aRunWithoutAnEarlierCacheSaysFromNullAndNothingDropped() {
        Map<?, ?> topics = recorded(new Topics.Section(Map.of(), new Topics.CacheUse(null, null, 0, 12), null, 30, 4));
        Map<String, Object> cache = new LinkedHashMap<>();
        cache.put("from", null);
        cache.put("texts_from_cache", 0);
        cache.put("texts_tagged", 12);
        assertEquals(cache, topics.get("term_cache"));
        assertEquals(false, topics.containsKey("interests_skipped"));
        assertEquals(30, topics.get("distinct_terms"));
    }

    @Test
    void aDroppedCacheAndSkippedInterestsAreRecorded() {
        Map<?, ?> topics = recorded(new Topics.Section(
                Map.of(),
                new Topics.CacheUse("runs/a/term_cache", "another tagger", 0, 12),
                new Topics.InterestsSkipped(3, "followed by fewer than 3 audience accounts"),
                30,
                4));
        assertEquals("another tagger", ((Map<?, ?>) topics.get("term_cache")).get("dropped"));
        assertEquals(
                Map.of("rows", 3, "reason", "followed by fewer than 3 audience accounts"),
                topics.get("interests_skipped"));
    }
}
