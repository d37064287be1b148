package io.needmap.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.SparkTestSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestStageTest {
    @TempDir
    static Path input;
    static IngestResult result;
    static Map<String, String> reasonByRecordKey;

    @BeforeAll
    static void ingestDirtyTables() throws IOException {
        write("accounts.csv", """
                account_id,handle,display_name,bio,location,language,followers_count,following_count,posts_count,created_at,verified,extra
                a1,h1,Ann,"loves coffee, ""really""
                and tea",Paris,EN,10,5,3,2020-01-02,true,x
                a2,h2,Bob,,,,0,0,0,2021-03-04T05:06:07Z,false,x
                a1,dup,Dup,,,,1,1,1,2020-01-01,true,x
                ,nokey,,,,,1,1,1,2020-01-01,true,x
                a3,nan,,,,,12k,1,1,2020-01-01,true,x
                a4,neg,,,,,1,-3,1,2020-01-01,true,x
                a5,date,,,,,1,1,1,2023-02-30,true,x
                a6,bool,,,,,1,1,1,2020-01-01,maybe,x
                a7,emoji,,🙂🙂,,,,,,,,x
                """);
        write("follows.csv", """
                account_id,followed_id
                a1,bb1
                a1,n1
                a1,n1
                a2,bb1
                zz,bb1
                zz ,bb1
                a2,
                ,bb1
                a5,bb1
                a7""");
        write("posts.jsonl", """
                {"post_id":"p1","account_id":"a1","created_at":"2024-05-01T10:00:00Z","text":"hi #MealPrep","likes":3,"replies":0,"shares":1}
                {"post_id":"p2","account_id":"a2","text":"bad","likes":-1}
                {"post_id":"p3","account_id":"a1","text":"broken
                """);
        result = IngestStage.run(new InputReader(SparkTestSession.get(), input.toString(), null));
        reasonByRecordKey = result.rejects().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0) + "|" + r.getString(1), r -> r.getString(2)));
    }

    private static void write(String name, String content) throws IOException {
        Files.writeString(input.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static List<Row> accepted(Table table) {
        return result.accepted().get(table).collectAsList();
    }

    private static long rejected(Table table) {
        return reasonByRecordKey.keySet().stream().filter(k -> k.startsWith(table.fileName() + "|")).count();
    }

    private static String reasonFor(String table, String recordFragment) {
        return reasonByRecordKey.entrySet().stream()
                .filter(e -> e.getKey().startsWith(table + "|") && e.getKey().contains(recordFragment))
                .map(Map.Entry::getValue).findFirst().orElse("(not rejected)");
    }

    @Test
    void acceptedAccountsAreTypedAndKeepQuotedText() {
        Row ann = accepted(Table.ACCOUNTS).stream().filter(r -> r.getString(0).equals("a1")).findFirst().orElseThrow();
        assertEquals("Ann", ann.getString(ann.fieldIndex("display_name")), "the first a1 row is kept");
        assertEquals("loves coffee, \"really\"\nand tea", ann.getString(ann.fieldIndex("bio")));
        assertEquals("en", ann.getString(ann.fieldIndex("language")));
        assertEquals(10L, ann.getLong(ann.fieldIndex("followers_count")));
        assertTrue(ann.getBoolean(ann.fieldIndex("verified")));
        Row emoji = accepted(Table.ACCOUNTS).stream().filter(r -> r.getString(0).equals("a7")).findFirst().orElseThrow();
        assertNull(emoji.get(emoji.fieldIndex("followers_count")), "empty fields are allowed");
        assertEquals(List.of("a1", "a2", "a7"),
                accepted(Table.ACCOUNTS).stream().map(r -> r.getString(0)).sorted().toList());
    }

    @Test
    void everyBadAccountRowHasItsReason() {
        assertTrue(reasonFor("accounts", "\"dup\"").startsWith("duplicate account_id"));
        assertEquals("empty account_id", reasonFor("accounts", "\"nokey\""));
        assertEquals("followers_count is not a non-negative integer: '12k'", reasonFor("accounts", "\"nan\""));
        assertEquals("following_count is negative: -3", reasonFor("accounts", "\"neg\""));
        assertEquals("created_at is not a valid ISO date or timestamp: '2023-02-30'", reasonFor("accounts", "\"date\""));
        assertEquals("verified is not true or false: 'maybe'", reasonFor("accounts", "\"bool\""));
    }

    @Test
    void followsAreCheckedAgainstAcceptedAccounts() {
        assertEquals("account_id not in accounts", reasonFor("follows", "\"zz\""));
        assertEquals("account_id not in accounts", reasonFor("follows", "\"zz \""),
                "an unknown account's second follow of the same account is unknown, not a duplicate");
        assertEquals("account_id not in accounts", reasonFor("follows", "\"a5\""), "a5 itself was rejected");
        assertEquals("empty followed_id", reasonFor("follows", "{\"account_id\":\"a2\"}"));
        assertEquals("empty account_id", reasonFor("follows", "{\"followed_id\":\"bb1\"}"));
        assertTrue(reasonFor("follows", "\"n1\"").startsWith("duplicate follow"));
        assertTrue(reasonFor("follows", "a7").startsWith("malformed record"), "the truncated last line");
        assertEquals(List.of("a1|bb1", "a1|n1", "a2|bb1"), accepted(Table.FOLLOWS).stream()
                .map(r -> r.getString(0) + "|" + r.getString(1)).sorted().toList());
    }

    @Test
    void postsInJsonLinesAreValidatedToo() {
        assertEquals(List.of("p1"), accepted(Table.POSTS).stream().map(r -> r.getString(0)).toList());
        assertEquals("likes is negative: -1", reasonFor("posts", "\"p2\""));
        assertTrue(reasonFor("posts", "broken").startsWith("malformed record"));
    }

    @Test
    void acceptedPlusRejectedEqualsRead() {
        assertEquals(9, accepted(Table.ACCOUNTS).size() + rejected(Table.ACCOUNTS));
        assertEquals(10, accepted(Table.FOLLOWS).size() + rejected(Table.FOLLOWS));
        assertEquals(3, accepted(Table.POSTS).size() + rejected(Table.POSTS), "two JSON lines and a broken one");
        assertEquals(0, result.accepted().containsKey(Table.INTERESTS) ? 1 : 0, "interests are optional");
    }

    @Test
    void rejectsAreOneRowPerBadRecord() {
        Dataset<Row> rejects = result.rejects();
        assertEquals(rejects.count(), reasonByRecordKey.size(), "no two rejects share table and record");
    }
}
