package io.needmap.pipeline.generate;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import io.needmap.pipeline.generate.GeneratorOptions.OmittedTable;
import io.needmap.pipeline.ingest.Table;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One output table: RFC 4180 via univocity, quoting only values that hold a comma, quote or newline,
 * values kept verbatim (no trimming). Closeable, unlike {@link CsvWriter}, so that try-with-resources
 * never leaves a file half-flushed. A table whose rows are left out keeps its header ({@code keepRows}
 * false) or has no file at all ({@link #absent}); rows handed to it are dropped and not counted.
 */
final class CsvTable implements Closeable {
    private final Writer out;
    private final CsvWriter csv;
    private final boolean keepRows;
    private long rows;

    CsvTable(Path file, String[] header, boolean keepRows) throws IOException {
        out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
        CsvWriterSettings settings = new CsvWriterSettings();
        settings.getFormat().setLineSeparator("\n");
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        settings.setHeaders(header);
        csv = new CsvWriter(out, settings);
        csv.writeHeaders();
        this.keepRows = keepRows;
    }

    private CsvTable() {
        out = null;
        csv = null;
        keepRows = false;
    }

    /**
     * An input table of the contract in {@code dir}, its header the contract's columns in their order:
     * written in full, or, when {@code options} omit {@code omission}, left out (header only for
     * {@code FOLLOWS_ROWS}, no file for the others); {@code omission} null: never left out.
     */
    static CsvTable input(Path dir, Table table, GeneratorOptions options, OmittedTable omission) throws IOException {
        Path file = dir.resolve(table.fileName() + ".csv");
        boolean omitted = omission != null && options.omits(omission);
        if (omitted && omission != OmittedTable.FOLLOWS_ROWS) {
            return absent(file);
        }
        return new CsvTable(file, table.columns().toArray(String[]::new), !omitted);
    }

    /** A table left out: no file (an earlier run's is deleted), every row dropped. */
    static CsvTable absent(Path file) throws IOException {
        Files.deleteIfExists(file);
        return new CsvTable();
    }

    boolean keepsRows() {
        return keepRows;
    }

    /** Data rows written, the truncated one included. */
    long rows() {
        return rows;
    }

    void writeRow(String... values) {
        if (keepRows) {
            csv.writeRow(values);
            rows++;
        }
    }

    /**
     * Ends the file inside the first field of a row, with no line separator, as an export cut off
     * mid-write does. (A cut inside the last field would look like a valid row to any reader.)
     */
    void writeTruncated(String... values) throws IOException {
        if (keepRows) {
            String row = csv.writeRowToString(values);
            csv.flush();
            out.write(row, 0, values[0].length() / 2 + 1);
            rows++;
        }
    }

    @Override
    public void close() {
        if (csv != null) {
            csv.close();
        }
    }
}
