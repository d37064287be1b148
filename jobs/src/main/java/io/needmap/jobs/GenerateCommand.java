package io.needmap.jobs;

import io.needmap.pipeline.generate.AudienceGenerator;
import io.needmap.pipeline.generate.GenerationSummary;
import io.needmap.pipeline.generate.GeneratorOptions;
import io.needmap.pipeline.generate.GeneratorOptions.OmittedTable;
import io.needmap.pipeline.generate.GeneratorOptions.Preset;
import io.needmap.pipeline.generate.GeneratorOptions.Tastes;
import io.needmap.pipeline.generate.GeneratorOptions.TextStyle;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code needmap generate}: a synthetic audience with planted segments, for tests and benchmarks.
 * Options left out take the preset's value; the help lists every preset's value.
 */
@Command(
        name = "generate",
        description = "Write a synthetic audience in the input contract (CSV), dirty like real exports, with "
                + "planted need segments and their truth in DIR/truth (summary.csv: long tail, text uniqueness).")
final class GenerateCommand extends NeedmapCommand {
    private static final String REALISTIC = "; realistic: ";
    private static final String GRADED = "; graded: ";

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder to write.")
    Path output;

    @Option(names = "--accounts", defaultValue = "4000", description = "Audience size (default ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--segments", defaultValue = "20", description = "Planted segments (default ${DEFAULT-VALUE}).")
    int segments;

    @Option(names = "--seed", defaultValue = "7", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--preset",
            defaultValue = "default",
            paramLabel = "default|realistic|graded",
            description = "Starting values of the options below (default: ${DEFAULT-VALUE}): 'default' plants clean "
                    + "segments in templated text (the bundled sample); 'realistic' looks like real exports: one need "
                    + "at 20%%, a long tail followed once and described, overlapping needs, a quarter of bios empty, "
                    + "more foreign bios, text that rarely repeats, fewer niche follows; 'graded' grades like real "
                    + "audiences: each account follows 3-5 related tastes (--tastes graded), bios of 5-15 words from "
                    + "synonym groups (--text synonyms), 15%% of bios empty, a long tail followed once, no posts "
                    + "unless --posts.")
    Preset preset;

    @Option(
            names = "--mean-follows",
            paramLabel = "N",
            description = "Mean follows per account, at most " + GeneratorOptions.MAX_MEAN_FOLLOWS + " (default "
                    + GeneratorOptions.DEFAULT_MEAN_FOLLOWS + REALISTIC + GeneratorOptions.REALISTIC_MEAN_FOLLOWS
                    + GRADED + GeneratorOptions.GRADED_MEAN_FOLLOWS + ").")
    Double meanFollows;

    @Option(
            names = "--posts",
            paramLabel = "N",
            description = "Posts per account (default " + GeneratorOptions.DEFAULT_POSTS_PER_ACCOUNT + REALISTIC
                    + GeneratorOptions.DEFAULT_POSTS_PER_ACCOUNT + GRADED + GeneratorOptions.GRADED_POSTS_PER_ACCOUNT
                    + ").")
    Integer posts;

    @Option(
            names = "--niche-share",
            paramLabel = "F",
            description = "Share of follows going to the segment's own accounts; low values (0.1) plant weak "
                    + "structure (default " + GeneratorOptions.DEFAULT_NICHE_SHARE + REALISTIC
                    + GeneratorOptions.REALISTIC_NICHE_SHARE + GRADED + GeneratorOptions.GRADED_NICHE_SHARE + ").")
    Double nicheShare;

    @Option(
            names = "--backbone-share",
            paramLabel = "F",
            description = "Share of follows going to the popular backbone; the rest is long tail (default "
                    + GeneratorOptions.DEFAULT_BACKBONE_SHARE + REALISTIC + GeneratorOptions.REALISTIC_BACKBONE_SHARE
                    + GRADED + GeneratorOptions.GRADED_BACKBONE_SHARE + ").")
    Double backboneShare;

    @Option(
            names = "--dirty-rate",
            paramLabel = "F",
            description = "Share of rows made dirty (default " + GeneratorOptions.DEFAULT_DIRTY_RATE + ", both).")
    Double dirtyRate;

    @Option(
            names = "--dominant-share",
            paramLabel = "F",
            description = "Share of the accounts in segment 0, the others sharing the rest by the usual power law; "
                    + "0 is off (default 0.0" + REALISTIC + GeneratorOptions.REALISTIC_DOMINANT_SHARE + GRADED
                    + "0.0).")
    Double dominantShare;

    @Option(
            names = "--single-follower-share",
            paramLabel = "F",
            description = "Share of each member's long-tail follows going to accounts no other member follows: "
                    + "raise it with --mean-follows for a long tail of hundreds of thousands of accounts followed "
                    + "once (default 0.0" + REALISTIC + GeneratorOptions.REALISTIC_SINGLE_FOLLOWER_SHARE + GRADED
                    + GeneratorOptions.GRADED_SINGLE_FOLLOWER_SHARE + ").")
    Double singleFollowerShare;

    @Option(
            names = "--long-tail-interests",
            paramLabel = "F",
            description = "Share of long-tail accounts with a row in interests (people, local businesses, groups) "
                    + "(default " + GeneratorOptions.DEFAULT_LONG_TAIL_INTEREST_SHARE + REALISTIC
                    + GeneratorOptions.REALISTIC_LONG_TAIL_INTEREST_SHARE + GRADED
                    + GeneratorOptions.GRADED_LONG_TAIL_INTEREST_SHARE + ").")
    Double longTailInterests;

    @Option(
            names = "--secondary-need-share",
            paramLabel = "F",
            description = "Share of accounts with a secondary need: " + GeneratorOptions.SECONDARY_NEED_WEIGHT
                    + " of their niche follows and theme words come from another planted segment, listed in "
                    + "truth/secondary_needs.csv; the truth stays the primary need (default 0.0" + REALISTIC
                    + GeneratorOptions.REALISTIC_SECONDARY_NEED_SHARE + GRADED + "0.0).")
    Double secondaryNeedShare;

    @Option(
            names = "--split-need",
            paramLabel = "F",
            description = "The 60/40 case, with any preset: share of segment 0's members (make segment 0 dominant "
                    + "with --dominant-share, e.g. 0.35) who also follow one second, small need (the smallest "
                    + "segment, away from segment 0 among graded tastes) for a third of their niche follows and "
                    + "theme words, listed in truth/secondary_needs.csv; the truth stays segment 0 "
                    + "(default 0.0: off).")
    Double splitNeedShare;

    @Option(
            names = "--empty-bios",
            paramLabel = "F",
            description = "Share of accounts with an empty bio (default " + GeneratorOptions.DEFAULT_EMPTY_BIO_SHARE
                    + REALISTIC + GeneratorOptions.REALISTIC_EMPTY_BIO_SHARE + GRADED
                    + GeneratorOptions.GRADED_EMPTY_BIO_SHARE + ").")
    Double emptyBios;

    @Option(
            names = "--foreign-bios",
            paramLabel = "F",
            description = "Share of accounts with a Spanish, German or French bio (default "
                    + GeneratorOptions.DEFAULT_FOREIGN_BIO_SHARE + REALISTIC
                    + GeneratorOptions.REALISTIC_FOREIGN_BIO_SHARE + GRADED + GeneratorOptions.DEFAULT_FOREIGN_BIO_SHARE
                    + ").")
    Double foreignBios;

    @Option(
            names = "--text",
            paramLabel = "templated|realistic|synonyms",
            description = "Text style of bios and posts: 'templated' (a few fixed templates, highly repetitive), "
                    + "'realistic' (large word pools and sentence templates; posts and bio fragments rarely repeat) "
                    + "or 'synonyms' (bios of 5-15 words: the account's tastes through synonym groups, boilerplate, "
                    + "an open vocabulary; posts as realistic) (default templated; realistic: realistic; graded: "
                    + "synonyms).")
    TextStyle text;

    @Option(
            names = "--tastes",
            paramLabel = "single|graded",
            description = "How niche follows and theme words spread over the segments: 'single' (the account's "
                    + "need alone) or 'graded' (3-5 related tastes on a ring of the segments, the need the largest "
                    + "share) (default single; realistic: single; graded: graded).")
    Tastes tastes;

    @Option(
            names = "--omit",
            split = ",",
            paramLabel = "TABLE",
            description =
                    "Leave tables out: 'interests', 'posts' and 'assets' (no file), 'follows-rows' (a header-only "
                            + "follows.csv: a text-only audience). Comma-separated; default none.")
    List<String> omit = List.of();

    @Option(
            names = "--bots",
            paramLabel = "SHARE",
            description = "Add this share of extra accounts that are no customers (mass followers, promotional spam,"
                    + " dead accounts) and plant real-person edge cases (journalists following thousands, new"
                    + " accounts without posts, shop owners posting links), all listed in truth/flags.csv"
                    + " (default 0.0, none).")
    Double bots;

    @Override
    public Integer call() throws Exception {
        GeneratorOptions.Builder builder = GeneratorOptions.builder(preset, accounts, segments, seed);
        Optional.ofNullable(meanFollows).ifPresent(builder::meanFollows);
        Optional.ofNullable(posts).ifPresent(builder::postsPerAccount);
        Optional.ofNullable(nicheShare).ifPresent(builder::nicheShare);
        Optional.ofNullable(backboneShare).ifPresent(builder::backboneShare);
        Optional.ofNullable(dirtyRate).ifPresent(builder::dirtyRate);
        Optional.ofNullable(dominantShare).ifPresent(builder::dominantShare);
        Optional.ofNullable(singleFollowerShare).ifPresent(builder::singleFollowerShare);
        Optional.ofNullable(longTailInterests).ifPresent(builder::longTailInterestShare);
        Optional.ofNullable(secondaryNeedShare).ifPresent(builder::secondaryNeedShare);
        Optional.ofNullable(splitNeedShare).ifPresent(builder::splitNeedShare);
        Optional.ofNullable(emptyBios).ifPresent(builder::emptyBioShare);
        Optional.ofNullable(foreignBios).ifPresent(builder::foreignBioShare);
        Optional.ofNullable(text).ifPresent(builder::text);
        Optional.ofNullable(tastes).ifPresent(builder::tastes);
        Optional.ofNullable(bots).ifPresent(builder::botShare);
        Set<OmittedTable> omitted = omit.stream()
                .map(OmittedTable::parse)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(OmittedTable.class)));
        GeneratorOptions options = builder.omitted(omitted).build();
        long start = System.nanoTime();
        GenerationSummary summary = AudienceGenerator.write(output, options);
        System.err.printf("generated %s in %.1f s: %s%n", output, (System.nanoTime() - start) / 1e9, summary);
        return 0;
    }
}
