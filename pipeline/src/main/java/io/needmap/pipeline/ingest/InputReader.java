package io.needmap.pipeline.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_valid_utf8;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.regexp_replace;

import io.needmap.pipeline.InputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Finds an input table in the input folder and reads it as raw text columns, one row per record the
 * parser saw, so that validation (not the reader) decides what is wrong with a row.
 *
 * <p>Every contract column comes back as a string ({@code null} when the file lacks the column),
 * plus {@value #RECORD} (the unparsed text of a record the parser could not split, else null; a
 * well-formed row is rendered for the rejects only if it is rejected), {@value #MALFORMED} and
 * {@value #ROW_NUMBER} (file order, to keep the first of duplicates). Text is valid UTF-8: bytes that
 * are not are read as U+FFFD (validation records them as repairs), in every format. CSV is read with RFC 4180
 * quote escaping, so quoted commas, doubled quotes and newlines stay inside their field; a file
 * whose records all fit on one line (typically the id-only {@code follows}) is parsed in parallel
 * splits, any other as one multi-line stream. A missing required table or key column, or an
 * {@code accounts} table without rows, stops the run with an {@link InputException} naming the file;
 * any other table may be empty.
 */
public final class InputReader {
    public static final String RECORD = "_record";
    public static final String MALFORMED = "_malformed";
    public static final String ROW_NUMBER = "_row";
    private static final String CORRUPT = "_corrupt_record";
    private static final int JSON_SCHEMA_PROBE_LINES = 1000;
    private static final Logger LOG = LogManager.getLogger(InputReader.class);

    private final SparkSession spark;
    private final String inputDir;
    private final InputFormat forcedFormat;

    /**
     * @param forcedFormat the format of every table, or null to tell it by each file's extension
     */
    public InputReader(SparkSession spark, String inputDir, InputFormat forcedFormat) {
        this.spark = spark;
        this.inputDir = inputDir;
        this.forcedFormat = forcedFormat;
    }

    /** The raw table, or null when an optional table is absent. */
    public Dataset<Row> read(Table table) {
        Located located = locate(table);
        if (located == null) {
            if (table.required()) {
                throw new InputException("Required table '" + table.fileName() + "' not found in " + inputDir
                        + ": expected " + table.fileName() + ".csv, .parquet, .jsonl or a folder named "
                        + table.fileName() + ".");
            }
            LOG.info("optional table {} not present in {}", table.fileName(), inputDir);
            return null;
        }
        Dataset<Row> parsed = switch (located.format) {
            case CSV -> readCsv(located.path);
            case JSONL -> readJson(located.path);
            case PARQUET -> spark.read().parquet(located.path);
        };
        // Before the columns are checked: an empty file has none. isEmpty parses one record at most.
        if (table == Table.ACCOUNTS && parsed.isEmpty()) {
            throw new InputException(located.displayName + " has no rows: there is no audience to segment.");
        }
        return toRawColumns(table, located, parsed);
    }

    private Dataset<Row> readCsv(String path) {
        boolean multiLine = recordsSpanLines(spark, path);
        LOG.info(
                "{}: {}",
                path,
                multiLine
                        ? "quoted newlines found, parsed as one multi-line stream per file"
                        : "no record spans lines, parsed in parallel splits");
        String[] header = csvReader(multiLine).csv(path).columns();
        List<StructField> fields = new ArrayList<>();
        for (String name : header) {
            fields.add(DataTypes.createStructField(cleanName(name), DataTypes.StringType, true));
        }
        fields.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
        return csvReader(multiLine)
                .schema(DataTypes.createStructType(fields))
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", CORRUPT)
                .csv(path);
    }

    /**
     * Whether some record of the CSV may hold a quoted newline. The first line of such a record has an
     * odd number of {@code "} (its complete fields and doubled quotes are pairs, the open field adds
     * one), so if no line does, every record is one line and the file can be split across tasks; a
     * multi-line parse reads each file in a single task. One parallel text scan decides it. Public for
     * the benchmark's read floor, which reads each file with the same choice.
     */
    public static boolean recordsSpanLines(SparkSession spark, String path) {
        Column quotes = length(col("value")).minus(length(regexp_replace(col("value"), "\"", "")));
        // The byte search rules out most lines (all of an id-only file) before the quotes are counted.
        return !spark.read()
                .text(path)
                .filter(col("value").contains("\"").and(quotes.mod(2).equalTo(1)))
                .isEmpty();
    }

    private org.apache.spark.sql.DataFrameReader csvReader(boolean multiLine) {
        return spark.read()
                .option("header", "true")
                .option("multiLine", String.valueOf(multiLine))
                .option("escape", "\"")
                .option("encoding", "UTF-8")
                .option("ignoreLeadingWhiteSpace", "false")
                .option("ignoreTrailingWhiteSpace", "false");
    }

    private Dataset<Row> readJson(String path) {
        // Parsed from lines read as text, not from the file: text is decoded with bytes that are not
        // UTF-8 as U+FFFD, where the JSON parser would reject the whole line as malformed.
        Dataset<String> lines = spark.read().textFile(path);
        String[] present =
                spark.read().json(lines.limit(JSON_SCHEMA_PROBE_LINES)).columns();
        List<StructField> fields = new ArrayList<>();
        for (String name : present) {
            if (!name.equals(CORRUPT)) {
                fields.add(DataTypes.createStructField(name, DataTypes.StringType, true));
            }
        }
        fields.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
        return spark.read()
                .schema(DataTypes.createStructType(fields))
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", CORRUPT)
                .json(lines);
    }

    private Dataset<Row> toRawColumns(Table table, Located located, Dataset<Row> parsed) {
        Set<String> present = new LinkedHashSet<>(Arrays.asList(parsed.columns()));
        for (String key : table.keyColumns()) {
            if (!present.contains(key)) {
                throw new InputException(located.displayName + " has no column '" + key + "' (it has: "
                        + String.join(", ", withoutCorrupt(present)) + ").");
            }
        }
        List<String> missing =
                table.columns().stream().filter(c -> !present.contains(c)).toList();
        if (!missing.isEmpty()) {
            LOG.warn("{} lacks optional columns {}; they are read as empty", located.displayName, missing);
        }
        List<Column> columns = new ArrayList<>();
        for (String name : table.columns()) {
            // Parquet strings are raw bytes, made valid here; CSV and JSON text is decoded already (bytes
            // that are not UTF-8 read as U+FFFD), so checking it again would cost a pass over every byte.
            Column text = col(name).cast(DataTypes.StringType);
            Column value = !present.contains(name)
                    ? lit(null).cast(DataTypes.StringType)
                    : located.format == InputFormat.PARQUET ? make_valid_utf8(text) : text;
            columns.add(value.as(name));
        }
        boolean hasCorrupt = present.contains(CORRUPT);
        Column record = hasCorrupt ? col(CORRUPT) : lit(null).cast(DataTypes.StringType);
        Column malformed = hasCorrupt ? col(CORRUPT).isNotNull() : lit(false);
        columns.add(record.as(RECORD));
        columns.add(malformed.as(MALFORMED));
        columns.add(monotonically_increasing_id().as(ROW_NUMBER));
        return parsed.select(columns.toArray(Column[]::new));
    }

    private static List<String> withoutCorrupt(Set<String> names) {
        return names.stream().filter(n -> !n.equals(CORRUPT)).toList();
    }

    private static String cleanName(String header) {
        return header.replace("\uFEFF", "").trim();
    }

    private Located locate(Table table) {
        Path dir = new Path(inputDir);
        FileStatus[] entries;
        try {
            FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(dir)) {
                throw new InputException("Input folder " + inputDir + " does not exist.");
            }
            entries = fs.listStatus(dir);
            for (FileStatus entry : entries) {
                String name = entry.getPath().getName();
                String base = baseName(name);
                if (!base.equals(table.fileName()) || name.startsWith(".") || name.startsWith("_")) {
                    continue;
                }
                InputFormat format = forcedFormat != null ? forcedFormat : InputFormat.ofFileName(name);
                if (format == null && entry.isDirectory()) {
                    format = formatOfParts(fs, entry.getPath());
                }
                if (format == null) {
                    throw new InputException("Cannot tell the format of " + entry.getPath()
                            + ": give it a .csv, .parquet or .jsonl extension or pass --format.");
                }
                return new Located(entry.getPath().toString(), name, format);
            }
            return null;
        } catch (IOException e) {
            throw new InputException("Cannot list input folder " + inputDir + ": " + e.getMessage());
        }
    }

    private static InputFormat formatOfParts(FileSystem fs, Path folder) throws IOException {
        for (FileStatus part : fs.listStatus(folder)) {
            String name = part.getPath().getName();
            if (!name.startsWith(".") && !name.startsWith("_")) {
                InputFormat format =
                        InputFormat.ofFileName(name.replace(".snappy", "").replace(".gz", ""));
                if (format != null) {
                    return format;
                }
            }
        }
        return null;
    }

    private static String baseName(String fileName) {
        int dot = fileName.indexOf('.');
        return (dot < 0 ? fileName : fileName.substring(0, dot)).toLowerCase(Locale.ROOT);
    }

    private record Located(String path, String displayName, InputFormat format) {}
}
