package io.needmap.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputValidationTest {
    /** A byte that is not UTF-8 on its own (é in Latin-1), written raw where the text says so. */
    private static final String LATIN1_E_ACUTE = "<0xE9>";

    @TempDir
    static Path input;

    static IngestResult result;
    static Map<String, String> reasonByRecordKey;

    @BeforeAll
    static void ingestDirtyTables() throws IOException {
        write(input, "accounts.csv", """
                account_id,handle,display_name,bio,location,language,followers_count,following_count,posts_count,created_at,verified,extra
                a1,h1,Ann,"loves coffee, ""really""
                and tea",Paris,EN,10,5,3,2020-01-02,true,x
                a2,h2,Bob,,,,0,0,0,2021-03-04T05:06:07Z,false,x
                a1,dup,Dup,,,,1,1,1,2020-01-01,true,x
                ,nokey,,,,,-1,1,1,2020-01-01,true,x
                a3,fmt,,,,,12k,1.2M,"1,234",2020-01-01,true,x
                a4,neg,,,,,-5,n/a,1,2020-01-01,true,x
                a5,date,,,,,1,1,1,2023-02-30,true,x
                a6,bool,,,,,1,1,1,2020-01-01,maybe,x
                a7,emoji,,🙂🙂,,,,,,,,x
                a8,fmt2,,,,,3.4bn,+5,12.0,2020-01-01,TRUE,x
                a9,fmt3,,,,,1 234,"1,2k",12.5,2020-01-01,false,x
                a10,latin,,caf<0xE9> au lait,,,1,1,1,2020-01-01,true,x
                """);
        write(input, "follows.csv", """
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
                a4,bb1
                a1,caf<0xE9>
                a7""");
        write(input, "posts.jsonl", """
                {"post_id":"p1","account_id":"a1","created_at":"2024-05-01T10:00:00Z","text":"hi #MealPrep","likes":3,"replies":0,"shares":1}
                {"post_id":"p2","account_id":"a2","text":"bad","likes":-1}
                {"post_id":"p4","account_id":"a4","text":"caf<0xE9>","likes":"12K","replies":"3.4B","shares":"+0"}
                {"account_id":"a2","text":"no id","likes":"n/a"}
                {"post_id":"p3","account_id":"a1","text":"broken
                """);
        write(input, "assets.csv", """
                asset_id,name,kind,description,followed_id
                as1,"Pet <Club> & Co",product,"Dog walks, ""vet"" visits
                and puppy classes",n1
                as1,Dupe,service,,
                ,Nokey,content,,
                as2,Newsletter,channel,caf<0xE9> news,
                as3,"Broken
                """);
        result = InputValidation.run(new InputReader(SparkTestSession.get(), input.toString(), null));
        reasonByRecordKey = result.rejects().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0) + "|" + r.getString(1), r -> r.getString(2)));
    }

    /** Writes {@code content} as UTF-8, except that each {@value #LATIN1_E_ACUTE} becomes the byte 0xE9. */
    private static void write(Path dir, String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String[] parts = content.split(LATIN1_E_ACUTE, -1);
        for (int i = 0; i < parts.length; i++) {
            bytes.write(parts[i].getBytes(StandardCharsets.UTF_8));
            if (i < parts.length - 1) {
                bytes.write(0xE9);
            }
        }
        Files.write(dir.resolve(name), bytes.toByteArray());
    }

    private static List<Row> accepted(Table table) {
        return result.accepted().get(table).collectAsList();
    }

    private static Row account(String id) {
        return accepted(Table.ACCOUNTS).stream()
                .filter(r -> r.getString(0).equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static Object field(Row row, String column) {
        return row.get(row.fieldIndex(column));
    }

    private static long rejected(Table table) {
        return reasonByRecordKey.keySet().stream()
                .filter(k -> k.startsWith(table.fileName() + "|"))
                .count();
    }

    private static String reasonFor(String table, String recordFragment) {
        return reasonByRecordKey.entrySet().stream()
                .filter(e -> e.getKey().startsWith(table + "|") && e.getKey().contains(recordFragment))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("(not rejected)");
    }

    @Test
    void acceptedAccountsAreTypedAndKeepQuotedText() {
        Row ann = account("a1");
        assertEquals("Ann", field(ann, "display_name"), "the first a1 row is kept");
        assertEquals("loves coffee, \"really\"\nand tea", field(ann, "bio"));
        assertEquals("en", field(ann, "language"));
        assertEquals(10L, field(ann, "followers_count"));
        assertEquals(true, field(ann, "verified"));
        assertNull(field(account("a7"), "followers_count"), "empty fields are allowed");
        assertEquals(
                List.of("a1", "a10", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9"),
                accepted(Table.ACCOUNTS).stream()
                        .map(r -> r.getString(0))
                        .sorted()
                        .toList());
    }

    @Test
    void countsInCommonFormatsAreReadAsNumbers() {
        Row a3 = account("a3");
        assertEquals(12_000L, field(a3, "followers_count"), "12k");
        assertEquals(1_200_000L, field(a3, "following_count"), "1.2M");
        assertEquals(1_234L, field(a3, "posts_count"), "1,234");
        Row a8 = account("a8");
        assertEquals(3_400_000_000L, field(a8, "followers_count"), "3.4bn");
        assertEquals(5L, field(a8, "following_count"), "+5");
        assertEquals(12L, field(a8, "posts_count"), "12.0");
        assertEquals(true, field(a8, "verified"), "TRUE");
        assertEquals(1_234L, field(account("a9"), "followers_count"), "1 234");
        Row p4 = accepted(Table.POSTS).stream()
                .filter(r -> "p4".equals(r.getString(0)))
                .findFirst()
                .orElseThrow();
        assertEquals(
                List.of(12_000L, 3_400_000_000L, 0L),
                List.of(field(p4, "likes"), field(p4, "replies"), field(p4, "shares")),
                "12K, 3.4B, +0");
    }

    @Test
    void badOptionalFieldsAreReadAsEmptyAndRepaired() {
        Row a4 = account("a4");
        assertNull(field(a4, "followers_count"), "-5");
        assertNull(field(a4, "following_count"), "n/a");
        assertEquals(1L, field(a4, "posts_count"), "the row's good fields are kept");
        assertNull(field(account("a5"), "created_at"), "2023-02-30");
        assertEquals(true, field(account("a5"), "verified"));
        assertNull(field(account("a6"), "verified"), "maybe");
        assertNull(field(account("a9"), "following_count"), "1,2k is ambiguous");
        assertNull(field(account("a9"), "posts_count"), "12.5 is not a count");
        String utf8 = " is not valid UTF-8: undecodable bytes read as U+FFFD";
        assertEquals(
                Set.of(
                        "accounts|a4|followers_count|-5|followers_count is negative: -5",
                        "accounts|a4|following_count|n/a|following_count is not a whole number: 'n/a'",
                        "accounts|a5|created_at|2023-02-30|created_at is not a valid ISO date or timestamp: '2023-02-30'",
                        "accounts|a6|verified|maybe|verified is not true or false: 'maybe'",
                        "accounts|a9|following_count|1,2k|following_count is not a whole number: '1,2k'",
                        "accounts|a9|posts_count|12.5|posts_count is not a whole number: '12.5'",
                        "accounts|a10|bio|caf\uFFFD au lait|bio" + utf8,
                        "follows|a1→caf\uFFFD|followed_id|caf\uFFFD|followed_id" + utf8,
                        "posts|p2|likes|-1|likes is negative: -1",
                        "posts|p4|text|caf\uFFFD|text" + utf8,
                        "posts|a2|likes|n/a|likes is not a whole number: 'n/a'",
                        "assets|as2|description|caf\uFFFD news|description" + utf8),
                result.repairs().collectAsList().stream()
                        .map(r -> String.join(
                                "|", r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4)))
                        .collect(Collectors.toSet()),
                "one repair per accepted row and bad column; the rejected nokey row's -1 is not repaired");
        assertEquals(
                Map.of("accounts", 5L, "follows", 1L, "posts", 3L, "assets", 1L),
                result.repairedRows().collectAsList().stream()
                        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1))),
                "rows with a repair");
    }

    @Test
    void undecodableBytesAreKeptAsDecoded() {
        assertEquals("caf\uFFFD au lait", field(account("a10"), "bio"), "one bad byte does not empty a bio");
        assertEquals(1L, field(account("a10"), "followers_count"), "the fields after it are read");
        Row p4 = accepted(Table.POSTS).stream()
                .filter(r -> "p4".equals(r.getString(0)))
                .findFirst()
                .orElseThrow();
        assertEquals("caf\uFFFD", field(p4, "text"), "in JSON Lines too, where the parser would reject the line");
    }

    @Test
    void onlyRowsWithoutAUsableKeyAreRejected() {
        assertTrue(reasonFor("accounts", "\"dup\"").startsWith("duplicate account_id"));
        assertEquals("empty account_id", reasonFor("accounts", "\"nokey\""));
        assertEquals(2, rejected(Table.ACCOUNTS), "only the duplicate and the empty key");
    }

    @Test
    void followsAreCheckedAgainstAcceptedAccounts() {
        assertEquals("account_id not in accounts", reasonFor("follows", "\"zz\""));
        assertEquals(
                "account_id not in accounts",
                reasonFor("follows", "\"zz \""),
                "an unknown account's second follow of the same account is unknown, not a duplicate");
        assertEquals("empty followed_id", reasonFor("follows", "{\"account_id\":\"a2\"}"));
        assertEquals("empty account_id", reasonFor("follows", "{\"followed_id\":\"bb1\"}"));
        assertTrue(reasonFor("follows", "\"n1\"").startsWith("duplicate follow"));
        assertTrue(reasonFor("follows", "a7").startsWith("malformed record"), "the truncated last line");
        assertEquals(
                List.of("a1|bb1", "a1|caf\uFFFD", "a1|n1", "a2|bb1", "a4|bb1", "a5|bb1"),
                accepted(Table.FOLLOWS).stream()
                        .map(r -> r.getString(0) + "|" + r.getString(1))
                        .sorted()
                        .toList(),
                "the follows of repaired accounts a4 and a5 are kept");
    }

    @Test
    void postsInJsonLinesAreValidatedToo() {
        List<Row> posts = accepted(Table.POSTS);
        assertEquals(
                Set.of("p1", "p2", "p4", "(none)"),
                posts.stream()
                        .map(r -> r.isNullAt(0) ? "(none)" : r.getString(0))
                        .collect(Collectors.toSet()));
        assertNull(field(
                posts.stream()
                        .filter(r -> "p2".equals(r.getString(0)))
                        .findFirst()
                        .orElseThrow(),
                "likes"));
        assertTrue(reasonFor("posts", "broken").startsWith("malformed record"));
    }

    @Test
    void acceptedPlusRejectedEqualsRead() {
        assertEquals(12, accepted(Table.ACCOUNTS).size() + rejected(Table.ACCOUNTS));
        assertEquals(12, accepted(Table.FOLLOWS).size() + rejected(Table.FOLLOWS));
        assertEquals(5, accepted(Table.POSTS).size() + rejected(Table.POSTS), "four JSON lines and a broken one");
        assertEquals(0, result.accepted().containsKey(Table.INTERESTS) ? 1 : 0, "interests are optional");
    }

    @Test
    void assetsAreValidatedLikeTheOtherTables() {
        List<Row> assets = accepted(Table.ASSETS);
        assertEquals(
                List.of("as1", "as2"),
                assets.stream().map(r -> r.getString(0)).sorted().toList());
        Row club = assets.stream()
                .filter(r -> r.getString(0).equals("as1"))
                .findFirst()
                .orElseThrow();
        assertEquals("Pet <Club> & Co", field(club, "name"), "the first as1 row is kept, its text as written");
        assertEquals("Dog walks, \"vet\" visits\nand puppy classes", field(club, "description"));
        assertEquals("n1", field(club, "followed_id"));
        assertTrue(reasonFor("assets", "\"Dupe\"").startsWith("duplicate asset_id"));
        assertEquals("empty asset_id", reasonFor("assets", "\"Nokey\""));
        assertTrue(reasonFor("assets", "Broken").startsWith("malformed record"), "the truncated last line");
        assertEquals(5, assets.size() + rejected(Table.ASSETS), "accepted + rejected = read");
    }

    @Test
    void rejectsAreOneRowPerBadRecord() {
        Dataset<Row> rejects = result.rejects();
        assertEquals(rejects.count(), reasonByRecordKey.size(), "no two rejects share table and record");
    }

    @Test
    void headerOnlyFollowsAndPostsAreEmptyTablesNotErrors(@TempDir Path dir) throws IOException {
        write(dir, "accounts.csv", "account_id,followers_count\na1,3\n");
        write(dir, "follows.csv", "account_id,followed_id\n");
        write(dir, "posts.csv", "post_id,account_id,text\n");
        IngestResult headerOnly = InputValidation.run(new InputReader(SparkTestSession.get(), dir.toString(), null));
        assertEquals(1, headerOnly.accepted().get(Table.ACCOUNTS).count());
        assertEquals(0, headerOnly.accepted().get(Table.FOLLOWS).count());
        assertEquals(0, headerOnly.accepted().get(Table.POSTS).count());
        assertEquals(0, headerOnly.rejects().count() + headerOnly.repairs().count());
    }
}
