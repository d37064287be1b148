package io.needmap.jobs;

import io.needmap.pipeline.config.PipelineConfig;
import io.needmap.pipeline.evaluate.SameMemberships;
import io.needmap.pipeline.output.OutputLayout;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code needmap compare} (hidden, for {@code scripts/cluster-local}): exits 0 only when two runs
 * gave every account the same segment ({@link SameMemberships}).
 */
@Command(
        name = "compare",
        hidden = true,
        description = "Exit 0 when OUTPUT/memberships and OTHER/memberships give every account the same segment, "
                + "else 1.")
final class CompareCommand extends SessionCommand {
    @Option(names = "--with", required = true, paramLabel = "OTHER", description = "The other run's output folder.")
    String other;

    @Override
    int run(SparkSession spark, PipelineConfig config, OutputLayout layout) {
        long accounts = spark.read().parquet(layout.memberships()).count();
        long differences = SameMemberships.differences(
                spark.read().parquet(layout.memberships()),
                spark.read().parquet(new OutputLayout(other).memberships()));
        System.out.printf("accounts=%d differing=%d%n", accounts, differences);
        return differences == 0 ? 0 : 1;
    }
}
