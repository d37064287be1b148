package io.needmap.pipeline.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stage hands back to the {@link Runner}: rows in and rows out for its log line, the
 * manifest sections it replaces (a record or a plain value each; {@link #without} removes a section
 * an earlier run left), and its warnings, which the runner logs and records in the manifest's
 * {@code warnings} section in place of the earlier ones. A stage that never warns leaves that
 * section as it is.
 */
public final class StageReport {
    static final String WARNINGS = "warnings";

    private final long rowsIn;
    private final long rowsOut;
    private final Map<String, Object> sections = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private StageReport(long rowsIn, long rowsOut) {
        this.rowsIn = rowsIn;
        this.rowsOut = rowsOut;
    }

    public static StageReport of(long rowsIn, long rowsOut) {
        return new StageReport(rowsIn, rowsOut);
    }

    /** Replaces a top-level manifest section. */
    public StageReport with(String section, Object value) {
        sections.put(section, value);
        return this;
    }

    /** Removes a top-level manifest section an earlier run may have left. */
    public StageReport without(String section) {
        sections.put(section, null);
        return this;
    }

    /** This stage's warnings (possibly none), which replace the manifest's {@code warnings}. */
    public StageReport warnings(List<String> messages) {
        warnings.addAll(messages);
        sections.put(WARNINGS, List.copyOf(warnings));
        return this;
    }

    public long rowsIn() {
        return rowsIn;
    }

    public long rowsOut() {
        return rowsOut;
    }

    /** Section name to its value, in the order put; a null value removes the section. */
    public Map<String, Object> sections() {
        return Collections.unmodifiableMap(sections);
    }

    public List<String> warningList() {
        return List.copyOf(warnings);
    }
}
