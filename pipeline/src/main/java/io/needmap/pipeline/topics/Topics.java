package io.needmap.pipeline.topics;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.needmap.pipeline.config.PipelineConfig;
import io.needmap.pipeline.flags.Flags;
import io.needmap.pipeline.ingest.Table;
import io.needmap.pipeline.output.Columns;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.run.StageContext;
import io.needmap.pipeline.run.StageReport;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The topics stage: terms of every account's bio and posts, and of the interests enough of the
 * audience follows ({@link TermTagging}), of the members only ({@link Flags#members}: a flagged account's
 * texts are not tagged), into {@code account_terms/} and {@code interest_terms/}
 * (removed when there are no interests), with the texts read per source in the manifest. Texts an
 * earlier run tagged are taken from its {@link TermCache}; this run's cache is written to
 * {@code term_cache/}.
 */
public final class Topics extends TermTables {

    /** The manifest's {@code topics} section; {@code interestsSkipped} only when there is an interests table. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Section(
            Map<String, Map<String, Long>> texts,
            CacheUse termCache,
            InterestsSkipped interestsSkipped,
            long distinctTerms,
            long accountsWithTerms) {}

    /**
     * Where this run's term cache came from (null: none), why it was dropped (only if it was), how
     * many texts it served and how many were tagged.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CacheUse(
            @JsonInclude(JsonInclude.Include.ALWAYS) String from,
            String dropped,
            long textsFromCache,
            long textsTagged) {}

    /** Interests no term was extracted from, and why. */
    record InterestsSkipped(long rows, String reason) {}

    private final String termCacheSource;

    /** @param termCacheSource the term cache of the run this one continues, or null for none */
    public Topics(String termCacheSource) {
        this.termCacheSource = termCacheSource;
    }

    @Override
    public String description() {
        return "Extract terms (CoreNLP lemmas, noun compounds, hashtags) from bios, posts and interests in "
                + "OUTPUT/accepted into OUTPUT/account_terms and OUTPUT/interest_terms.";
    }

    @Override
    public StageReport run(StageContext context) {
        OutputLayout layout = context.layout();
        Dataset<Row> accounts = Flags.members(context, context.read(layout.accepted(Table.ACCOUNTS)));
        Dataset<Row> interests = context.readIfExists(layout.accepted(Table.INTERESTS));
        int minFollowers = minFollowersThatMatter(context.config());
        TermCache cache = termCacheSource == null
                ? TermCache.none(context.config().topics())
                : TermCache.open(
                        context.spark(), termCacheSource, context.config().topics());
        TermTagging.Result result = TermTagging.run(
                accounts,
                Flags.members(context, context.readIfExists(layout.accepted(Table.POSTS))),
                interests == null
                        ? null
                        : new TermTagging.Interests(
                                interests,
                                Flags.members(context, context.read(layout.accepted(Table.FOLLOWS))),
                                minFollowers),
                context.config().topics(),
                cache);
        context.write(result.accountTerms(), layout.accountTerms());
        if (result.interestTerms() != null) {
            context.write(result.interestTerms(), layout.interestTerms());
        } else {
            context.delete(layout.interestTerms());
        }
        context.write(result.termCache(), layout.termCache());
        result.release();
        context.spark().catalog().clearCache();
        Map<String, Map<String, Long>> texts = result.textCounts().bySource();
        long read = texts.values().stream()
                .mapToLong(measures -> measures.get("texts"))
                .sum();
        Row termStats = context.read(layout.accountTerms())
                .agg(count(lit(1)), countDistinct(Columns.TERM), countDistinct(Columns.ACCOUNT_ID))
                .first();
        InterestsSkipped skipped = null;
        if (interests != null) {
            long tagged = texts.getOrDefault("interest", Map.of()).getOrDefault("texts", 0L);
            skipped = new InterestsSkipped(
                    interests.count() - tagged, "followed by fewer than " + minFollowers + " audience accounts");
        }
        return StageReport.of(read, termStats.getLong(0))
                .with(
                        SECTION,
                        new Section(
                                texts,
                                cacheUse(cache, texts, read),
                                skipped,
                                termStats.getLong(1),
                                termStats.getLong(2)));
    }

    private CacheUse cacheUse(TermCache cache, Map<String, Map<String, Long>> texts, long read) {
        long fromCache =
                texts.values().stream().mapToLong(m -> m.get("from_cache")).sum();
        return new CacheUse(termCacheSource, cache.dropped(), fromCache, read - fromCache);
    }

    /**
     * Audience followers a followed account needs to matter downstream: to be a feature
     * ({@code features.min-accounts}) or, failing that, to be listed in a profile.
     */
    public static int minFollowersThatMatter(PipelineConfig config) {
        return Math.min(
                config.features().minAccounts(),
                Math.max(config.profile().minSupport(), config.profile().minMembers()));
    }
}
