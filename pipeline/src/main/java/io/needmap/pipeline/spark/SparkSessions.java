package io.needmap.pipeline.spark;

import io.needmap.pipeline.config.PipelineConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the Spark session for a run. Under {@code spark-submit} the submitter's master and
 * settings win; run from the command line it is embedded ({@code local[*]} by default) and kept on
 * the loopback interface with the UI off.
 */
public final class SparkSessions {
    /** Spark's shuffle partition count, which {@code spark.shuffle-partitions} sets (see {@code Pipeline}). */
    public static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

    private SparkSessions() {}

    /**
     * @param explicitMaster a master the user named on the command line, or null
     */
    public static SparkSession create(PipelineConfig config, String explicitMaster) {
        String master = explicitMaster != null ? explicitMaster : new SparkConf().get("spark.master", config.master());
        return create(master, config.shufflePartitions());
    }

    /**
     * The session on {@code master} with needmap's Spark settings (the unit tests' session too).
     *
     * @param shufflePartitions a fixed count, or {@link PipelineConfig#AUTO_SHUFFLE_PARTITIONS}
     */
    public static SparkSession create(String master, int shufflePartitions) {
        SparkConf conf = new SparkConf().setAppName("needmap").setMaster(master);
        if (master.startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        if (shufflePartitions != PipelineConfig.AUTO_SHUFFLE_PARTITIONS) {
            conf.setIfMissing(SHUFFLE_PARTITIONS, String.valueOf(shufflePartitions));
        }
        conf.setIfMissing("spark.sql.parquet.compression.codec", "snappy");
        // The stages cache a dataset only while they write from it, and spill it to disk (MEMORY_AND_DISK)
        // when memory runs short; compressing the cache cost 10% of ingest's time (its statistics hash
        // every string), for memory that is handed back minutes later.
        conf.setIfMissing("spark.sql.inMemoryColumnarStorage.compressed", "false");
        // Spark 4 lower-cases with ICU by default, building a word break iterator for every value: in
        // ingest (counts' suffixes, language codes, true/false) it cost more than the CSV parsing. The
        // JVM's case mapping gives the same result on the ids, codes and suffixes lower-cased here.
        conf.setIfMissing("spark.sql.icu.caseMappings.enabled", "false");
        // A run compiles about 460 distinct generated classes, more than Spark's default cache of 100
        // holds: the least recently used were compiled again (Janino) within the run.
        conf.setIfMissing("spark.sql.codegen.cache.maxEntries", "2000");
        // Spark 4 gives every session a class loader of its own on the executors (artifact isolation,
        // for Spark Connect clients that add jars to their session), and the compiled-class cache is
        // keyed by class loader: a JVM that runs one command after another, each in a new session (the
        // end-to-end tests, a scheduler running several audiences), compiled every generated class
        // again in every run. needmap adds no artifact to a session. Measured: the third run of a
        // 300-account audience in one JVM, each in a new session, compiled 405 classes with isolation and
        // 18 without it (52.8 s -> 39.8 s).
        conf.setIfMissing("spark.sql.artifact.isolation.enabled", "false");
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
