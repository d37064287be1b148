package io.needmap.jobs.bench;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.needmap.pipeline.Pipeline;
import io.needmap.pipeline.PipelineConfig;
import io.needmap.pipeline.SparkSessions;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.topics.TermExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code scripts/bench-topics}: throughput of the topics stage against CoreNLP alone, and the
 * stage's seconds and peak heap on a large audience. Not a test: it prints a table.
 *
 * <p>Usage: {@code TopicsBenchmark ratio OUTPUT} (an ingested output folder: (a) CoreNLP alone on
 * its texts, one thread and one thread per core, then (b) the stage in Spark local[*]; tokens per
 * second per core and the ratio) or {@code TopicsBenchmark stage OUTPUT} (the stage only: seconds
 * and peak heap). Both run in one JVM, so (b) finds the CoreNLP pipeline already loaded by (a).
 */
public final class TopicsBenchmark {
    private TopicsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = TopicsBenchmark.class.getResourceAsStream("/needmap.properties")) {
            properties.load(in);
        }
        PipelineConfig config = PipelineConfig.from(properties);
        SparkSession spark = SparkSessions.create(config, null);
        int cores = spark.sparkContext().defaultParallelism();
        OutputLayout layout = new OutputLayout(args[1]);
        try {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"cores (local[*])", String.valueOf(cores)});
            double perCoreAlone = 0;
            long tokens = 0;
            if (args[0].equals("ratio")) {
                List<String> texts = texts(spark, layout);
                StanfordCoreNLP nlp = TermExtractor.pipeline(config.topics().ner());
                tokens = annotate(nlp, texts, 1)[0];
                double oneThread = tokens / (annotate(nlp, texts, 1)[1] / 1e9);
                double allThreads = tokens / (annotate(nlp, texts, cores)[1] / 1e9) / cores;
                perCoreAlone = allThreads;
                rows.add(new String[] {"texts", String.valueOf(texts.size())});
                rows.add(new String[] {"tokens", String.valueOf(tokens)});
                rows.add(new String[] {"(a) CoreNLP alone, 1 thread: tokens/s/core", String.format("%.0f", oneThread)});
                rows.add(new String[] {"(a) CoreNLP alone, " + cores + " threads: tokens/s/core",
                        String.format("%.0f", allThreads)});
            }
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            long start = System.nanoTime();
            new Pipeline(spark, config, layout).topics();
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            rows.add(new String[] {"(b) topics stage: seconds", String.format("%.1f", seconds)});
            rows.add(new String[] {"(b) peak heap, MB (sum of pool peaks)", String.valueOf(peak >> 20)});
            rows.add(new String[] {"max heap, MB", String.valueOf(Runtime.getRuntime().maxMemory() >> 20)});
            if (perCoreAlone > 0) {
                double perCoreStage = tokens / seconds / cores;
                rows.add(new String[] {"(b) topics stage: tokens/s/core", String.format("%.0f", perCoreStage)});
                rows.add(new String[] {"overhead ratio (b)/(a, " + cores + " threads)",
                        String.format("%.2f", perCoreStage / perCoreAlone)});
            }
            rows.forEach(r -> System.out.printf("| %-48s | %12s |%n", r[0], r[1]));
        } finally {
            spark.stop();
        }
    }

    /** The stage's texts: bios, each account's most recent posts, interest names and descriptions. */
    private static List<String> texts(SparkSession spark, OutputLayout layout) throws IOException {
        spark.read().parquet(layout.accepted(io.needmap.pipeline.ingest.Table.ACCOUNTS)).createOrReplaceTempView("a");
        spark.read().parquet(layout.accepted(io.needmap.pipeline.ingest.Table.POSTS)).createOrReplaceTempView("p");
        spark.read().parquet(layout.accepted(io.needmap.pipeline.ingest.Table.INTERESTS)).createOrReplaceTempView("i");
        List<String> texts = new ArrayList<>();
        for (Row r : spark.sql("select bio from a where bio is not null union all select text from p "
                + "where text is not null union all select concat_ws('. ', name, description) from i").collectAsList()) {
            texts.add(r.getString(0));
        }
        return texts;
    }

    /** {tokens, nanoseconds} of annotating every text, spread over {@code threads} threads. */
    private static long[] annotate(StanfordCoreNLP nlp, List<String> texts, int threads) throws Exception {
        AtomicLong tokens = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            done.add(pool.submit(() -> {
                for (int i = offset; i < texts.size(); i += threads) {
                    Annotation document = new Annotation(texts.get(i));
                    nlp.annotate(document);
                    tokens.addAndGet(document.get(CoreAnnotations.TokensAnnotation.class).size());
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        long nanos = System.nanoTime() - start;
        pool.shutdown();
        return new long[] {tokens.get(), nanos};
    }
}
