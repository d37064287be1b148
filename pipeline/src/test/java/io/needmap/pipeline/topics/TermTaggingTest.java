package io.needmap.pipeline.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TermTaggingTest {
    private static final TopicOptions TWO_POSTS = new TopicOptions(true, false, 2, 2000, 1.0, 10, Set.of(), 1000);
    private static List<Row> accountTerms;
    private static List<Row> interestTerms;
    private static Map<String, Map<String, Long>> textCounts;

    @BeforeAll
    static void extract() {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> accounts = spark.sql("""
                select * from values
                  ('a1', 'Retired grandma who loves her allotment #HomeGarden', 'en'),
                  ('a2', 'Mutter von zwei Kindern und Fußball #Esports', 'de'),
                  ('a3', '', cast(null as string)),
                  ('a4', '🙂🙂', cast(null as string))
                as t(account_id, bio, language)""");
        Dataset<Row> posts = spark.sql("""
                select post_id, account_id, cast(created_at as timestamp) as created_at, text from values
                  ('p1', 'a1', '2024-01-01 10:00:00', 'Old post about knitting'),
                  ('p2', 'a1', '2024-02-01 10:00:00', 'New seeds for the allotment and the vegetable patch'),
                  ('p3', 'a1', '2024-03-01 10:00:00', 'Tomato harvest today https://t.co/x1 🍅'),
                  ('p4', 'a1', null, 'Undated note about pottery')
                as t(post_id, account_id, created_at, text)""");
        Dataset<Row> interests = spark.sql("""
                select * from values ('n1', 'Garden Weekly', 'A magazine for allotment holders'),
                  ('n2', 'Pottery Corner', 'Clay, kilns and glazes')
                as t(followed_id, name, description)""");
        Dataset<Row> follows = spark.sql("""
                select * from values ('a1', 'n1'), ('a2', 'n1'), ('a3', 'n2') as t(account_id, followed_id)""");
        TermTagging.Result result = TermTagging.run(
                accounts,
                posts,
                new TermTagging.Interests(interests, follows, 2),
                TWO_POSTS,
                TermCache.none(TWO_POSTS));
        accountTerms = result.accountTerms().collectAsList();
        interestTerms = result.interestTerms().collectAsList();
        textCounts = result.textCounts().bySource();
    }

    private static Set<String> termsOf(String account, String source) {
        return accountTerms.stream()
                .filter(r -> r.getAs("account_id").equals(account) && r.<Long>getAs(source + "_count") > 0)
                .map(r -> r.<String>getAs("term"))
                .collect(Collectors.toSet());
    }

    @Test
    void oneRowPerAccountAndTermSplitBySource() {
        assertEquals(
                accountTerms.size(),
                accountTerms.stream()
                        .map(r -> r.getAs("account_id") + "/" + r.getAs("term"))
                        .distinct()
                        .count());
        Row allotment = accountTerms.stream()
                .filter(r ->
                        r.getAs("account_id").equals("a1") && r.getAs("term").equals("allotment"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                List.of(2L, 1L, 1L),
                List.of(
                        allotment.<Long>getAs("count"),
                        allotment.<Long>getAs("bio_count"),
                        allotment.<Long>getAs("post_count")),
                "in the bio and in a post");
        assertTrue(accountTerms.stream()
                .allMatch(r -> r.<Long>getAs("count") == r.<Long>getAs("bio_count") + r.<Long>getAs("post_count")));
    }

    @Test
    void onlyTheMostRecentPostsAreRead() {
        Set<String> postTerms = termsOf("a1", "post");
        assertTrue(postTerms.containsAll(Set.of("tomato harvest", "seed", "vegetable patch")), postTerms.toString());
        assertFalse(postTerms.contains("knitting"), "third most recent post is past the cap of 2");
        assertFalse(postTerms.contains("pottery"), "an undated post counts as the oldest");
        assertTrue(postTerms.stream().noneMatch(t -> t.contains("http") || t.contains("t.co")), postTerms.toString());
    }

    @Test
    void biosKeepTheirSourceAndForeignBiosOnlyTheirHashtags() {
        Set<String> bio = termsOf("a1", "bio");
        assertTrue(bio.containsAll(Set.of("grandma", "allotment", "home garden")), bio.toString());
        assertEquals(Set.of("esports"), termsOf("a2", "bio"));
        assertTrue(termsOf("a3", "bio").isEmpty() && termsOf("a4", "bio").isEmpty());
    }

    @Test
    void interestTermsComeFromNameAndDescription() {
        Set<String> terms = interestTerms.stream()
                .filter(r -> r.getAs("followed_id").equals("n1"))
                .map(r -> r.<String>getAs("term"))
                .collect(Collectors.toSet());
        assertTrue(terms.containsAll(Set.of("garden weekly", "magazine", "allotment holder")), terms.toString());
    }

    @Test
    void anInterestFollowedByTooFewAccountsIsNotTagged() {
        assertTrue(
                interestTerms.stream().noneMatch(r -> r.getAs("followed_id").equals("n2")),
                "n2 has one audience follower, below the 2 that matter downstream");
    }

    @Test
    void withoutInterestsOrPostsTheCountsArriveAndNoInterestTermsAreMade() {
        Dataset<Row> accounts = SparkTestSession.get().sql("""
                select * from values ('b1', 'Vintage camera collector', 'en') as t(account_id, bio, language)""");
        TermTagging.Result result = TermTagging.run(accounts, null, null, TWO_POSTS, TermCache.none(TWO_POSTS));
        Set<String> terms = result.accountTerms().collectAsList().stream()
                .map(r -> r.<String>getAs("term"))
                .collect(Collectors.toSet());
        assertTrue(terms.containsAll(Set.of("vintage", "camera collector")), terms.toString());
        assertNull(result.interestTerms());
        assertEquals(Set.of("bio"), result.textCounts().bySource().keySet(), "and bySource returns, it does not wait");
    }

    @Test
    void everyTextReadIsCountedBySource() {
        // texts, non_english, empty, fragments, annotated (each fragment is new to this JVM's cache)
        assertEquals(
                List.of(4L, 1L, 1L, 1L, 1L), counts("bio"), "a2 is German, a3 empty; the emoji-only a4 is neither");
        assertEquals(List.of(2L, 0L, 0L, 2L, 2L), counts("post"), "posts past the cap are not read");
        assertEquals(List.of(1L, 0L, 0L, 1L, 1L), counts("interest"));
    }

    @Test
    void aRerunTagsOnlyTextsItHasNotSeenAndAnotherTaggerDropsTheCache(@TempDir Path dir) {
        SparkSession spark = SparkTestSession.get();
        String cachePath = dir.resolve("term_cache").toString();
        TermTagging.Result first = TermTagging.run(spark.sql("""
                        select * from values ('c1', 'Vintage camera collector', 'en'),
                          ('c2', 'Sourdough baker', 'en') as t(account_id, bio, language)"""), null, null, TWO_POSTS, TermCache.none(TWO_POSTS));
        first.accountTerms().collectAsList();
        first.termCache().write().parquet(cachePath);
        first.release();
        Dataset<Row> nextWeek = spark.sql("""
                select * from values ('c1', 'Vintage camera collector', 'en'), ('c2', 'Marathon runner', 'en'),
                  ('c3', 'Vintage camera collector', 'en'), ('c4', 'Vintage camera collector', 'fr')
                as t(account_id, bio, language)""");

        TermTagging.Result rerun =
                TermTagging.run(nextWeek, null, null, TWO_POSTS, TermCache.open(spark, cachePath, TWO_POSTS));
        Map<String, Set<String>> terms = rerun.accountTerms().collectAsList().stream()
                .collect(Collectors.groupingBy(
                        r -> r.<String>getAs("account_id"),
                        Collectors.mapping(r -> r.<String>getAs("term"), Collectors.toSet())));
        Map<String, Long> bios = rerun.textCounts().bySource().get("bio");
        rerun.release();
        assertEquals(2L, bios.get("from_cache"), "c1 and c3 (same text and language as c1 last week): " + bios);
        assertEquals(Set.of("vintage", "camera collector"), terms.get("c3"), "a cached text's terms: " + terms);
        assertEquals(Set.of("marathon runner"), terms.get("c2"), "a changed bio is tagged again: " + terms);
        assertFalse(terms.containsKey("c4"), "a French text of the same words is another text: " + terms);

        TopicOptions withNer = new TopicOptions(true, true, 2, 2000, 1.0, 10, Set.of(), 1000);
        TermCache otherTagger = TermCache.open(spark, cachePath, withNer);
        assertTrue(otherTagger.dropped() != null && otherTagger.dropped().contains("ner=false"), otherTagger.dropped());
        TermCache missing = TermCache.open(spark, dir.resolve("none").toString(), TWO_POSTS);
        assertNull(missing.dropped(), "no cache is no reason to report");
    }

    private static List<Long> counts(String source) {
        Map<String, Long> measures = textCounts.get(source);
        return List.of(
                measures.get("texts"),
                measures.get("non_english"),
                measures.get("empty"),
                measures.get("fragments"),
                measures.get("annotated"));
    }
}
