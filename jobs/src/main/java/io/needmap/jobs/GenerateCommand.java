package io.needmap.jobs;

import io.needmap.pipeline.generate.AudienceGenerator;
import io.needmap.pipeline.generate.GenerationSummary;
import io.needmap.pipeline.generate.GeneratorOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code needmap generate}: a synthetic audience with planted segments, for tests and benchmarks. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a synthetic audience in the input contract (CSV), dirty like real exports, with "
                + "planted need segments and their truth in DIR/truth.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder to write.")
    Path output;

    @Option(names = "--accounts", defaultValue = "4000", description = "Audience size (default ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--segments", defaultValue = "20", description = "Planted segments (default ${DEFAULT-VALUE}).")
    int segments;

    @Option(names = "--seed", defaultValue = "7", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--mean-follows", defaultValue = "60",
            description = "Mean follows per account (default ${DEFAULT-VALUE}).")
    double meanFollows;

    @Option(names = "--posts", defaultValue = "3", description = "Posts per account (default ${DEFAULT-VALUE}).")
    int posts;

    @Option(names = "--niche-share", defaultValue = "0.55",
            description = "Share of follows going to the segment's own accounts (default ${DEFAULT-VALUE}).")
    double nicheShare;

    @Option(names = "--backbone-share", defaultValue = "0.30",
            description = "Share of follows going to the popular backbone (default ${DEFAULT-VALUE}).")
    double backboneShare;

    @Option(names = "--dirty-rate", defaultValue = "0.01",
            description = "Share of rows made dirty (default ${DEFAULT-VALUE}).")
    double dirtyRate;

    @Override
    public Integer call() throws Exception {
        GeneratorOptions options = new GeneratorOptions(accounts, segments, seed, meanFollows, posts, dirtyRate,
                nicheShare, backboneShare);
        long start = System.nanoTime();
        GenerationSummary summary = AudienceGenerator.write(output, options);
        System.err.printf("generated %s in %.1f s: %s%n", output, (System.nanoTime() - start) / 1e9, summary);
        return 0;
    }
}
