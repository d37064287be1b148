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
        SparkConf conf = new SparkConf().setAppName("needmap");
        String master = explicitMaster != null ? explicitMaster : conf.get("spark.master", config.master());
        conf.setMaster(master);
        if (master.startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        if (config.shufflePartitions() != PipelineConfig.AUTO_SHUFFLE_PARTITIONS) {
            conf.setIfMissing(SHUFFLE_PARTITIONS, String.valueOf(config.shufflePartitions()));
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
        // A run plans about 300 queries, whose generated classes outnumber Spark's default cache of 100
        // compiled ones: the least recently used were compiled again (Janino) in every stage and, in a
        // JVM that runs many audiences (the end-to-end tests, a scheduler), in every run. Warm 400-account
        // runs: about 10% faster with room for all of them.
        conf.setIfMissing("spark.sql.codegen.cache.maxEntries", "2000");
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
