package io.needmap.jobs.bench;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.needmap.jobs.RunOptions;
import io.needmap.pipeline.Pipeline;
import io.needmap.pipeline.config.PipelineConfig;
import io.needmap.pipeline.ingest.Table;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.spark.SparkSessions;
import io.needmap.pipeline.topics.TermExtractor;
import io.needmap.pipeline.topics.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
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
 *
 * <p>{@code TopicsBenchmark --corenlp-only OUTPUT [KEY=VALUE...]} ({@code scripts/bench}'s CoreNLP
 * floor) runs (a) only, on a finished full run's output folder, over the texts its topics stage
 * read: bios, each account's {@code topics.max-posts-per-account} most recent posts, and the
 * interests followed by enough audience accounts to be tagged. It annotates a random sample of their
 * fragments, at most {@code NEEDMAP_BENCH_FLOOR_FRAGMENTS} (default {@value #DEFAULT_FLOOR_FRAGMENTS}),
 * so a large audience takes minutes, not hours, and prints {@code key=value} lines: tokens per second
 * per core, and tokens per fragment by source (bio, post, interest), from which the caller estimates
 * the tokens of all the stage's fragments (the manifest counts them by source).
 */
public final class TopicsBenchmark {
    private static final int DEFAULT_FLOOR_FRAGMENTS = 100_000;
    private static final long SEED = 7;
    private static final List<String> SOURCES = List.of("bio", "post", "interest");

    private TopicsBenchmark() {}

    public static void main(String[] args) throws Exception {
        boolean floorOnly = args.length > 0 && args[0].equals("--corenlp-only");
        int first = floorOnly ? 1 : 0;
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = first + 1; i < args.length; i++) {
            String[] setting = args[i].split("=", 2);
            settings.put(setting[0], setting[1]);
        }
        PipelineConfig config = RunOptions.withSettings(settings);
        SparkSession spark = SparkSessions.create(config, null);
        int cores = spark.sparkContext().defaultParallelism();
        OutputLayout layout = new OutputLayout(args[first]);
        try {
            if (floorOnly) {
                coreNlpFloor(spark, config, layout, cores);
                return;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"cores (local[*])", String.valueOf(cores)});
            List<String> texts = fragments(spark, config, layout, new TermExtractor(config.topics()));
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
            new Pipeline(spark, config, layout).runStage("topics", null);
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
     * The fragments of the stage's texts ({@link #stageTexts}: bios, recent posts, interests followed
     * enough to be tagged) as the stage looks them up or hands them to CoreNLP: without URLs, mentions
     * and hashtags, English only.
     */
    private static List<String> fragments(
            SparkSession spark, PipelineConfig config, OutputLayout layout, TermExtractor extractor) throws Exception {
        List<String> texts = new ArrayList<>();
        for (Row r : stageTexts(spark, config, layout).collectAsList()) {
            texts.addAll(extractor.fragmentsForCoreNlp(r.getString(1), r.getString(2)));
        }
        return texts;
    }

    /**
     * The CoreNLP floor: CoreNLP alone, one thread per core, on a random sample of the fragments the
     * full run's topics stage read (see the class comment); prints {@code key=value} lines.
     */
    private static void coreNlpFloor(SparkSession spark, PipelineConfig config, OutputLayout layout, int cores)
            throws Exception {
        int cap = Integer.parseInt(
                System.getenv().getOrDefault("NEEDMAP_BENCH_FLOOR_FRAGMENTS", String.valueOf(DEFAULT_FLOOR_FRAGMENTS)));
        Dataset<Row> texts = stageTexts(spark, config, layout);
        long textCount = texts.count();
        // Most texts give one fragment (empty bios none, some two or more): sample half again as many
        // texts as fragments wanted, shuffle their fragments and keep the first cap.
        double fraction = Math.min(1.0, 1.5 * cap / Math.max(1, textCount));
        List<Row> sampled = (fraction < 1.0 ? texts.sample(false, fraction, SEED) : texts).collectAsList();
        TermExtractor extractor = new TermExtractor(config.topics());
        List<String[]> fragments = new ArrayList<>();
        for (Row r : sampled) {
            for (String fragment : extractor.fragmentsForCoreNlp(r.getString(1), r.getString(2))) {
                fragments.add(new String[] {r.getString(0), fragment});
            }
        }
        Collections.shuffle(fragments, new Random(SEED));
        fragments = fragments.subList(0, Math.min(cap, fragments.size()));
        List<String> sample = fragments.stream().map(f -> f[1]).toList();
        int[] source = fragments.stream().mapToInt(f -> SOURCES.indexOf(f[0])).toArray();
        StanfordCoreNLP nlp = TermExtractor.pipeline(config.topics().ner());
        annotate(nlp, sample.subList(0, sample.size() / 8), cores); // warm-up (JIT), not measured
        long[] tokensBySource = new long[SOURCES.size()];
        long[] measured = annotate(nlp, sample, source, tokensBySource, cores);
        System.out.printf("cores=%d%n", cores);
        System.out.printf("texts=%d%n", textCount);
        System.out.printf("sampled_fragments=%d%n", sample.size());
        System.out.printf("tokens=%d%n", measured[0]);
        System.out.printf("seconds=%.2f%n", measured[1] / 1e9);
        System.out.printf("tokens_per_s_per_core=%.0f%n", measured[0] / (measured[1] / 1e9) / cores);
        for (int s = 0; s < SOURCES.size(); s++) {
            int id = s;
            long n = Arrays.stream(source).filter(x -> x == id).count();
            System.out.printf("%s.sampled_fragments=%d%n", SOURCES.get(s), n);
            if (n > 0) {
                System.out.printf("%s.tokens_per_fragment=%.3f%n", SOURCES.get(s), (double) tokensBySource[s] / n);
            }
        }
    }

    /**
     * {@code source, text, language} of every text the topics stage reads (as {@code TermTagging} selects
     * them: its recency window over posts and its follower floor for interests), from the accepted tables.
     */
    private static Dataset<Row> stageTexts(SparkSession spark, PipelineConfig config, OutputLayout layout)
            throws Exception {
        spark.read().parquet(layout.accepted(Table.ACCOUNTS)).createOrReplaceTempView("a");
        StringBuilder sql = new StringBuilder("select 'bio' as source, bio as text, language from a");
        int maxPosts = config.topics().maxPostsPerAccount();
        if (maxPosts > 0 && exists(spark, layout.accepted(Table.POSTS))) {
            spark.read().parquet(layout.accepted(Table.POSTS)).createOrReplaceTempView("p");
            sql.append(" union all select 'post', text, null from (select text, row_number() over (partition by"
                            + " account_id order by created_at desc nulls last, post_id) as recency from p)"
                            + " where recency <= ")
                    .append(maxPosts);
        }
        if (exists(spark, layout.accepted(Table.INTERESTS))) {
            spark.read().parquet(layout.accepted(Table.INTERESTS)).createOrReplaceTempView("i");
            spark.read().parquet(layout.accepted(Table.FOLLOWS)).createOrReplaceTempView("f");
            sql.append(" union all select 'interest', concat_ws('. ', name, description), null from i"
                            + " left semi join (select followed_id from f group by followed_id having count(*) >= ")
                    .append(Topics.minFollowersThatMatter(config))
                    .append(") s on i.followed_id = s.followed_id");
        }
        return spark.sql(sql.toString());
    }

    private static boolean exists(SparkSession spark, String path) throws Exception {
        Path p = new Path(path);
        return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
    }

    /** {tokens, nanoseconds} of annotating every text, spread over {@code threads} threads. */
    private static long[] annotate(StanfordCoreNLP nlp, List<String> texts, int threads) throws Exception {
        return annotate(nlp, texts, null, null, threads);
    }

    /**
     * {tokens, nanoseconds} of annotating every text, spread over {@code threads} threads; when
     * {@code group} is given, also adds each text's tokens to {@code tokensByGroup[group[i]]}.
     */
    private static long[] annotate(
            StanfordCoreNLP nlp, List<String> texts, int[] group, long[] tokensByGroup, int threads) throws Exception {
        AtomicLong tokens = new AtomicLong();
        AtomicLongArray byGroup = new AtomicLongArray(tokensByGroup == null ? 0 : tokensByGroup.length);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            done.add(pool.submit(() -> {
                for (int i = offset; i < texts.size(); i += threads) {
                    Annotation document = new Annotation(texts.get(i));
                    nlp.annotate(document);
                    int n = document.get(CoreAnnotations.TokensAnnotation.class).size();
                    tokens.addAndGet(n);
                    if (group != null) {
                        byGroup.addAndGet(group[i], n);
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        long nanos = System.nanoTime() - start;
        pool.shutdown();
        for (int g = 0; g < byGroup.length(); g++) {
            tokensByGroup[g] = byGroup.get(g);
        }
        return new long[] {tokens.get(), nanos};
    }
}
