package io.needmap.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.InputException;
import io.needmap.pipeline.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** Isolated: it changes the shared session's split size, which a class running beside it would read. */
@Isolated
class InputReaderTest {
    private final SparkSession spark = SparkTestSession.get();

    @TempDir
    Path dir;

    @Test
    void missingRequiredTableIsOneClearSentence() {
        InputException e = assertThrows(
                InputException.class, () -> new InputReader(spark, dir.toString(), null).read(Table.FOLLOWS));
        assertEquals(
                "Required table 'follows' not found in " + dir + ": expected follows.csv, .parquet, .jsonl"
                        + " or a folder named follows.",
                e.getMessage());
    }

    @Test
    void missingKeyColumnNamesFileAndColumn() throws IOException {
        Files.writeString(dir.resolve("follows.csv"), "account_id,followed\na1,b1\n");
        InputException e = assertThrows(
                InputException.class, () -> new InputReader(spark, dir.toString(), null).read(Table.FOLLOWS));
        assertEquals("follows.csv has no column 'followed_id' (it has: account_id, followed).", e.getMessage());
    }

    @Test
    void accountsWithoutRowsIsOneClearSentence() throws IOException {
        for (String content : List.of("account_id,handle\n", "")) {
            Files.writeString(dir.resolve("accounts.csv"), content);
            InputException e = assertThrows(
                    InputException.class,
                    () -> new InputReader(spark, dir.toString(), null).read(Table.ACCOUNTS),
                    "'" + content + "'");
            assertEquals("accounts.csv has no rows: there is no audience to segment.", e.getMessage());
        }
    }

    @Test
    void optionalTableMayBeAbsentAndOptionalColumnsEmpty() throws IOException {
        assertNull(new InputReader(spark, dir.toString(), null).read(Table.INTERESTS));
        Files.writeString(dir.resolve("interests.csv"), "name,followed_id\nNews,bb1\n");
        Row row = new InputReader(spark, dir.toString(), null)
                .read(Table.INTERESTS)
                .first();
        assertEquals("bb1", row.getAs("followed_id"));
        assertEquals("News", row.getAs("name"));
        assertNull(row.getAs("description"));
    }

    @Test
    void parquetFolderOfPartsIsReadIgnoringExtraColumns() {
        String folder = dir.resolve("follows").toString();
        spark.sql("select 'a1' as account_id, 'b1' as followed_id, 7 as weight" + " union all select 'a2', 'b2', 8")
                .repartition(2)
                .write()
                .parquet(folder);
        List<Row> rows = new InputReader(spark, dir.toString(), null)
                .read(Table.FOLLOWS)
                .orderBy("account_id")
                .collectAsList();
        assertEquals(2, rows.size());
        assertEquals("b2", rows.get(1).getAs("followed_id"));
    }

    @Test
    void parquetStringsThatAreNotUtf8AreReadWithReplacementCharacters() {
        spark.sql("select 'a1' as account_id, cast(unhex('636166E9') as string) as followed_id")
                .write()
                .parquet(dir.resolve("follows.parquet").toString());
        // Checked in Spark: a Java String would show U+FFFD for the raw bytes anyway.
        assertEquals(
                1,
                new InputReader(spark, dir.toString(), null)
                        .read(Table.FOLLOWS)
                        .filter("followed_id = 'caf\uFFFD' and is_valid_utf8(followed_id)")
                        .count());
    }

    @Test
    void formatCanBeForcedForFilesWithoutExtension() throws IOException {
        Files.createDirectories(dir.resolve("follows"));
        Files.writeString(dir.resolve("follows/part-0"), "{\"account_id\":\"a1\",\"followed_id\":\"b1\"}\n");
        assertThrows(InputException.class, () -> new InputReader(spark, dir.toString(), null).read(Table.FOLLOWS));
        Row row = new InputReader(spark, dir.toString(), InputFormat.JSONL)
                .read(Table.FOLLOWS)
                .first();
        assertEquals("b1", row.getAs("followed_id"));
        assertNull(row.getAs(InputReader.RECORD), "only malformed records keep their raw text");
    }

    @Test
    void quoteFreeCsvIsSplitAcrossTasksAndKeepsFileOrder() throws IOException {
        StringBuilder csv = new StringBuilder("account_id,followed_id\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append("a").append(i).append(",b").append(i % 7).append('\n');
        }
        Files.writeString(dir.resolve("follows.csv"), csv);
        String maxSplit = spark.conf().get("spark.sql.files.maxPartitionBytes");
        spark.conf().set("spark.sql.files.maxPartitionBytes", "64k");
        try {
            var follows = new InputReader(spark, dir.toString(), null).read(Table.FOLLOWS);
            assertTrue(follows.rdd().getNumPartitions() > 1, "a quote-free CSV is read in splits");
            List<Row> rows = follows.orderBy(InputReader.ROW_NUMBER).collectAsList();
            assertEquals(20_000, rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertEquals("a" + i, rows.get(i).getAs("account_id"), "row numbers follow the file");
            }
        } finally {
            spark.conf().set("spark.sql.files.maxPartitionBytes", maxSplit);
        }
    }

    @Test
    void quotedNewlineKeepsTheWholeFileOneMultiLineStream() throws IOException {
        StringBuilder csv = new StringBuilder("post_id,account_id,text\n");
        for (int i = 0; i < 5_000; i++) {
            csv.append("p")
                    .append(i)
                    .append(",a")
                    .append(i)
                    .append(i == 4_000 ? ",\"two\nlines, \"\"quoted\"\"\"\n" : ",one line\n");
        }
        Files.writeString(dir.resolve("posts.csv"), csv);
        String maxSplit = spark.conf().get("spark.sql.files.maxPartitionBytes");
        spark.conf().set("spark.sql.files.maxPartitionBytes", "16k");
        try {
            List<Row> rows = new InputReader(spark, dir.toString(), null)
                    .read(Table.POSTS)
                    .orderBy(InputReader.ROW_NUMBER)
                    .collectAsList();
            assertEquals(5_000, rows.size());
            assertEquals("two\nlines, \"quoted\"", rows.get(4_000).getAs("text"));
            assertEquals("a4001", rows.get(4_001).getAs("account_id"));
            assertTrue(rows.stream().noneMatch(r -> (Boolean) r.getAs(InputReader.MALFORMED)));
        } finally {
            spark.conf().set("spark.sql.files.maxPartitionBytes", maxSplit);
        }
    }
}
