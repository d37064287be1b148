package io.needmap.jobs;

import io.needmap.pipeline.generate.AudienceGenerator;
import io.needmap.pipeline.generate.GenerationSummary;
import io.needmap.pipeline.generate.GeneratorOptions;
import io.needmap.pipeline.generate.GeneratorOptions.OmittedTable;
import io.needmap.pipeline.generate.GeneratorOptions.Preset;
import io.needmap.pipeline.generate.GeneratorOptions.TextStyle;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code needmap generate}: a synthetic audience with planted segments, for tests and benchmarks.
 * Options left out take the preset's value; the help lists both presets' defaults.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Write a synthetic audience in the input contract (CSV), dirty like real exports, with "
                + "planted need segments and their truth in DIR/truth (summary.csv: long tail, text uniqueness).")
final class GenerateCommand implements Callable<Integer> {
    private static final String REALISTIC = "; realistic: ";

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
            paramLabel = "default|realistic",
            description = "Starting values of the options below (default: ${DEFAULT-VALUE}): 'default' plants clean "
                    + "segments in templated text (the bundled sample); 'realistic' looks like real exports: one need "
                    + "at 20%%, a long tail followed once and described, overlapping needs, a quarter of bios empty, "
                    + "more foreign bios, text that rarely repeats, fewer niche follows.")
    Preset preset;

    @Option(
            names = "--mean-follows",
            paramLabel = "N",
            description = "Mean follows per account, at most " + GeneratorOptions.MAX_MEAN_FOLLOWS + " (default "
                    + GeneratorOptions.DEFAULT_MEAN_FOLLOWS + REALISTIC + GeneratorOptions.REALISTIC_MEAN_FOLLOWS
                    + ").")
    Double meanFollows;

    @Option(
            names = "--posts",
            paramLabel = "N",
            description = "Posts per account (default " + GeneratorOptions.DEFAULT_POSTS_PER_ACCOUNT + ", both).")
    Integer posts;

    @Option(
            names = "--niche-share",
            paramLabel = "F",
            description = "Share of follows going to the segment's own accounts; low values (0.1) plant weak "
                    + "structure (default " + GeneratorOptions.DEFAULT_NICHE_SHARE + REALISTIC
                    + GeneratorOptions.REALISTIC_NICHE_SHARE + ").")
    Double nicheShare;

    @Option(
            names = "--backbone-share",
            paramLabel = "F",
            description = "Share of follows going to the popular backbone; the rest is long tail (default "
                    + GeneratorOptions.DEFAULT_BACKBONE_SHARE + REALISTIC + GeneratorOptions.REALISTIC_BACKBONE_SHARE
                    + ").")
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
                    + "0 is off (default 0.0" + REALISTIC + GeneratorOptions.REALISTIC_DOMINANT_SHARE + ").")
    Double dominantShare;

    @Option(
            names = "--single-follower-share",
            paramLabel = "F",
            description = "Share of each member's long-tail follows going to accounts no other member follows: "
                    + "raise it with --mean-follows for a long tail of hundreds of thousands of accounts followed "
                    + "once (default 0.0" + REALISTIC + GeneratorOptions.REALISTIC_SINGLE_FOLLOWER_SHARE + ").")
    Double singleFollowerShare;

    @Option(
            names = "--long-tail-interests",
            paramLabel = "F",
            description = "Share of long-tail accounts with a row in interests (people, local businesses, groups) "
                    + "(default " + GeneratorOptions.DEFAULT_LONG_TAIL_INTEREST_SHARE + REALISTIC
                    + GeneratorOptions.REALISTIC_LONG_TAIL_INTEREST_SHARE + ").")
    Double longTailInterests;

    @Option(
            names = "--secondary-need-share",
            paramLabel = "F",
            description = "Share of accounts with a secondary need: " + GeneratorOptions.SECONDARY_NEED_WEIGHT
                    + " of their niche follows and theme words come from another planted segment, listed in "
                    + "truth/secondary_needs.csv; the truth stays the primary need (default 0.0" + REALISTIC
                    + GeneratorOptions.REALISTIC_SECONDARY_NEED_SHARE + ").")
    Double secondaryNeedShare;

    @Option(
            names = "--empty-bios",
            paramLabel = "F",
            description = "Share of accounts with an empty bio (default " + GeneratorOptions.DEFAULT_EMPTY_BIO_SHARE
                    + REALISTIC + GeneratorOptions.REALISTIC_EMPTY_BIO_SHARE + ").")
    Double emptyBios;

    @Option(
            names = "--foreign-bios",
            paramLabel = "F",
            description = "Share of accounts with a Spanish, German or French bio (default "
                    + GeneratorOptions.DEFAULT_FOREIGN_BIO_SHARE + REALISTIC
                    + GeneratorOptions.REALISTIC_FOREIGN_BIO_SHARE + ").")
    Double foreignBios;

    @Option(
            names = "--text",
            paramLabel = "templated|realistic",
            description = "Text style of bios and posts: 'templated' (a few fixed templates, highly repetitive) or "
                    + "'realistic' (large word pools and sentence templates; posts and bio fragments rarely repeat) "
                    + "(default templated; realistic: realistic).")
    TextStyle text;

    @Option(
            names = "--omit",
            split = ",",
            paramLabel = "TABLE",
            description = "Leave tables out: 'interests' and 'posts' (no file), 'follows-rows' (a header-only "
                    + "follows.csv: a text-only audience). Comma-separated; default none.")
    List<String> omit = List.of();

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
        Optional.ofNullable(emptyBios).ifPresent(builder::emptyBioShare);
        Optional.ofNullable(foreignBios).ifPresent(builder::foreignBioShare);
        Optional.ofNullable(text).ifPresent(builder::text);
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
