package io.needmap.jobs.bench;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.needmap.jobs.RunOptions;
import io.needmap.pipeline.Pipeline;
import io.needmap.pipeline.PipelineConfig;
import io.needmap.pipeline.SparkSessions;
import io.needmap.pipeline.ingest.Table;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.topics.TermExtractor;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Usage: {@code TopicsBenchmark OUTPUT [KEY=VALUE...]} (an ingested output folder, then settings
 * that override the bundled configuration). (a) CoreNLP alone, in one
 * JVM with one thread per core, annotates every fragment the stage looks up (URLs, hashtags and
 * emoji cut, non-English left out), without the stage's fragment cache; (b) the topics stage then
 * runs in Spark local[*] in the same JVM (its CoreNLP pipeline already loaded and warm) over the
 * same output, with the configured cache. Both are reported in tokens per second per core, with
 * their ratio: above 1 by what the cache saves, below 1 by what Spark's reading, shuffling,
 * aggregation and writing cost on top of the annotation. {@code topics.cache-fragments=0}
 * measures the stage without the cache.
 */
public final class TopicsBenchmark {
    private TopicsBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] setting = args[i].split("=", 2);
            settings.put(setting[0], setting[1]);
        }
        PipelineConfig config = RunOptions.withSettings(settings);
        SparkSession spark = SparkSessions.create(config, null);
        int cores = spark.sparkContext().defaultParallelism();
        OutputLayout layout = new OutputLayout(args[0]);
        try {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"cores (local[*])", String.valueOf(cores)});
            List<String> texts = fragments(spark, layout, new TermExtractor(config.topics()));
            StanfordCoreNLP nlp = TermExtractor.pipeline(config.topics().ner());
            List<String> warmUp = texts.subList(0, texts.size() / 8);
            annotate(nlp, warmUp, 1);
            long[] oneThread = annotate(nlp, warmUp, 1);
            long[] allThreads = annotate(nlp, texts, cores);
            long tokens = allThreads[0];
            double perCoreAlone = tokens / (allThreads[1] / 1e9) / cores;
            rows.add(new String[] {"fragments given to CoreNLP", String.valueOf(texts.size())});
            rows.add(new String[] {"distinct fragments", String.valueOf(new HashSet<>(texts).size())});
            rows.add(new String[] {
                "stage's fragment cache, entries",
                String.valueOf(config.topics().cacheFragments())
            });
            rows.add(new String[] {"tokens", String.valueOf(tokens)});
            rows.add(new String[] {
                "(a) CoreNLP alone, 1 thread (first 1/8 of texts): tokens/s",
                String.format("%.0f", oneThread[0] / (oneThread[1] / 1e9))
            });
            rows.add(new String[] {
                "(a) CoreNLP alone, " + cores + " threads: tokens/s/core", String.format("%.0f", perCoreAlone)
            });
            texts = null;
            warmUp = null;
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            long start = System.nanoTime();
            new Pipeline(spark, config, layout).topics();
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed())
                    .sum();
            double perCoreStage = tokens / seconds / cores;
            rows.add(new String[] {"(b) topics stage: seconds", String.format("%.1f", seconds)});
            rows.add(new String[] {"(b) topics stage: tokens/s/core", String.format("%.0f", perCoreStage)});
            rows.add(new String[] {"overhead ratio (b)/(a)", String.format("%.2f", perCoreStage / perCoreAlone)});
            rows.add(new String[] {"(b) peak heap, MB (sum of pool peaks)", String.valueOf(peak >> 20)});
            rows.add(new String[] {
                "max heap, MB", String.valueOf(Runtime.getRuntime().maxMemory() >> 20)
            });
            rows.forEach(r -> System.out.printf("| %-56s | %12s |%n", r[0], r[1]));
        } finally {
            spark.stop();
        }
    }

    /**
     * The fragments of the stage's texts (bios, posts, interest names and descriptions) as the stage
     * looks them up or hands them to CoreNLP: without URLs, mentions and hashtags, English only.
     */
    private static List<String> fragments(SparkSession spark, OutputLayout layout, TermExtractor extractor) {
        spark.read().parquet(layout.accepted(Table.ACCOUNTS)).createOrReplaceTempView("a");
        spark.read().parquet(layout.accepted(Table.POSTS)).createOrReplaceTempView("p");
        spark.read().parquet(layout.accepted(Table.INTERESTS)).createOrReplaceTempView("i");
        List<String> texts = new ArrayList<>();
        for (Row r : spark.sql("select bio, language from a union all select text, null from p "
                        + "union all select concat_ws('. ', name, description), null from i")
                .collectAsList()) {
            texts.addAll(extractor.fragmentsForCoreNlp(r.getString(0), r.getString(1)));
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
                    tokens.addAndGet(
                            document.get(CoreAnnotations.TokensAnnotation.class).size());
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
