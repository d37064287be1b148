package io.needmap.pipeline.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.ingest.TableCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typed manifest sections: written in snake_case, read back as records, older keys tolerated. */
class ManifestTest {
    @TempDir
    Path dir;

    @Test
    void aRecordSectionIsWrittenInSnakeCaseAndReadBackAsTheRecord() throws Exception {
        String location = dir.resolve("manifest.json").toString();
        TableCounts follows = new TableCounts(10, 8, 2, 1, Map.of("weight", 1L), "123");
        Manifest.open(location, new Configuration())
                .put(TableCounts.SECTION, Map.of("follows", follows))
                .save();
        String json = Files.readString(Path.of(location));
        assertTrue(json.contains("\"repaired_rows\" : 1") && json.contains("\"content_hash\" : \"123\""), json);
        assertEquals(Map.of("follows", follows), TableCounts.of(Manifest.open(location, new Configuration())));
    }

    @Test
    void aManifestFromAnOlderRunReadsWithoutTheKeysItLacksOrKeysNoLongerKnown() throws Exception {
        Path file = dir.resolve("manifest.json");
        Files.writeString(
                file, "{\"tables\":{\"accounts\":{\"read\":5,\"accepted\":5,\"rejected\":0,\"retired_key\":1}}}");
        TableCounts accounts = TableCounts.of(Manifest.open(file.toString(), new Configuration()))
                .get("accounts");
        assertEquals(5, accounts.accepted());
        assertNull(accounts.contentHash());
        assertEquals(
                Map.of(), TableCounts.of(Manifest.open(dir.resolve("none.json").toString(), new Configuration())));
    }
}
