package io.needmap.jobs;

import static org.apache.spark.sql.functions.col;

import io.needmap.pipeline.InputException;
import io.needmap.pipeline.config.PipelineConfig;
import io.needmap.pipeline.evaluate.PlantedTruth;
import io.needmap.pipeline.output.OutputLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code needmap evaluate}: how well a run recovered planted segments (adjusted Rand index). */
@Command(
        name = "evaluate",
        description = "Print the adjusted Rand index of OUTPUT/memberships against a truth file "
                + "(account_id,segment_id CSV, e.g. the generator's truth/memberships.csv).")
final class EvaluateCommand extends SessionCommand {
    @Option(
            names = "--truth",
            required = true,
            paramLabel = "FILE",
            description = "Planted memberships CSV, or the generator's truth folder (its memberships.csv is read).")
    String truth;

    @Option(
            names = "--memberships",
            hidden = true,
            paramLabel = "CSV",
            description = "Score this account_id,segment_id CSV (another tool's segments, for scripts/bench) "
                    + "instead of OUTPUT/memberships.")
    String membershipsCsv;

    @Override
    int run(SparkSession spark, PipelineConfig config, OutputLayout layout) {
        String truthCsv = truthCsv(truth);
        if (membershipsCsv == null
                && isLocal(layout.memberships())
                && !Files.isDirectory(Path.of(layout.memberships()))) {
            throw new InputException(
                    "no memberships in " + layout.memberships() + ": run needmap run or segment first");
        }
        Dataset<Row> memberships = membershipsCsv == null
                ? spark.read().parquet(layout.memberships())
                : spark.read()
                        .option("header", "true")
                        .csv(membershipsCsv)
                        .select(col("account_id"), col("segment_id").cast("int").as("segment_id"));
        PlantedTruth.Score score = PlantedTruth.score(spark, memberships, truthCsv);
        System.out.printf("adjusted_rand_index=%.4f%n", score.adjustedRandIndex());
        System.out.printf("accounts=%d%n", score.accounts());
        return 0;
    }

    /**
     * The truth CSV to read: a folder stands for its {@code memberships.csv} (the generator's truth
     * folder also holds CSVs with other columns, which Spark would read as more accounts); a local
     * path that does not exist is an error before Spark is asked.
     */
    static String truthCsv(String truth) {
        if (!isLocal(truth)) {
            return truth;
        }
        Path path = Path.of(truth);
        if (Files.isDirectory(path)) {
            Path memberships = path.resolve("memberships.csv");
            if (!Files.isRegularFile(memberships)) {
                throw new InputException("--truth " + truth
                        + " is a folder without memberships.csv: pass the account_id,segment_id CSV");
            }
            return memberships.toString();
        }
        if (!Files.isRegularFile(path)) {
            throw new InputException("--truth " + truth + ": no such file");
        }
        return truth;
    }

    private static boolean isLocal(String path) {
        return !path.contains(":/");
    }
}
