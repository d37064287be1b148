package io.needmap.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad count, an impossible date and a Latin-1 byte are repairs: the account stays in the audience
 * (accepted by ingest, the stage that repairs and rejects).
 */
class RepairedFieldsRunTest {
    private static final int ACCOUNTS = 40;

    @TempDir
    Path dir;

    @Test
    void accountsWithBadFieldsAreAcceptedAndTheirRepairsRecorded() throws IOException {
        Path input = dir.resolve("in");
        Path output = dir.resolve("out");
        Files.createDirectories(input);
        ByteArrayOutputStream accounts = new ByteArrayOutputStream();
        accounts.write("account_id,handle,bio,followers_count,created_at,verified\n".getBytes(StandardCharsets.UTF_8));
        StringBuilder follows = new StringBuilder("account_id,followed_id\n");
        for (int i = 0; i < ACCOUNTS; i++) {
            String id = String.format("a%02d", i);
            String followers = i == 1 ? "n/a" : i == 4 ? "12k" : "10";
            String created = i == 2 ? "2023-02-30" : "2020-01-01";
            accounts.write((id + ",h" + i + ",caf").getBytes(StandardCharsets.UTF_8));
            accounts.write(i == 3 ? 0xE9 : 'e');
            accounts.write((" lover," + followers + "," + created + ",false\n").getBytes(StandardCharsets.UTF_8));
            String niche = i < ACCOUNTS / 2 ? "n" : "m";
            for (int j = 0; j < 5; j++) {
                follows.append(id).append(',').append(niche).append(j).append('\n');
            }
            follows.append(id).append(",backbone\n");
        }
        Files.write(input.resolve("accounts.csv"), accounts.toByteArray());
        Files.writeString(input.resolve("follows.csv"), follows);

        // The ingest stage alone: it decides what is repaired and what is rejected; every accepted
        // account is in memberships after a run (EndToEndTest, RealAudienceScenariosTest).
        CliRun run =
                CliRun.of("ingest", "--input", input.toString(), "--output", output.toString(), "--master", "local[1]");

        assertEquals(0, run.exitCode(), run.err());
        SparkSession spark = SampleRun.spark();
        Set<String> accepted =
                spark.read().parquet(output.resolve("accepted/accounts").toString()).collectAsList().stream()
                        .map(r -> r.getString(r.fieldIndex("account_id")))
                        .collect(Collectors.toSet());
        assertEquals(ACCOUNTS, accepted.size());
        assertTrue(accepted.containsAll(Set.of("a01", "a02", "a03")), "repaired accounts are accepted");
        assertEquals(
                Set.of(
                        "accounts|a01|followers_count|n/a|followers_count is not a whole number: 'n/a'",
                        "accounts|a02|created_at|2023-02-30|created_at is not a valid ISO date or timestamp: '2023-02-30'",
                        "accounts|a03|bio|caf\uFFFD lover|bio is not valid UTF-8: undecodable bytes read as U+FFFD"),
                spark.read().parquet(output.resolve("repairs").toString()).collectAsList().stream()
                        .map(r -> String.join(
                                "|", r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4)))
                        .collect(Collectors.toSet()));
        long a04Followers = spark.read()
                .parquet(output.resolve("accepted/accounts").toString())
                .filter("account_id = 'a04'")
                .first()
                .getAs("followers_count");
        assertEquals(12_000L, a04Followers, "12k is a number, not a repair");
        JsonNode accountsRead = new ObjectMapper()
                .readTree(output.resolve("manifest.json").toFile())
                .at("/tables/accounts");
        assertEquals(ACCOUNTS, accountsRead.get("read").asLong());
        assertEquals(ACCOUNTS, accountsRead.get("accepted").asLong());
        assertEquals(0, accountsRead.get("rejected").asLong());
        assertEquals(3, accountsRead.get("repaired_rows").asLong());
        assertEquals(
                Map.of("bio", 1, "created_at", 1, "followers_count", 1),
                new ObjectMapper().convertValue(accountsRead.get("repairs"), Map.class));
    }
}
