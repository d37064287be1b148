package io.needmap.pipeline.output;

import io.needmap.pipeline.ingest.Table;

/**
 * Where every dataset lives under the output folder. Each stage reads its inputs from here and
 * writes its outputs here, which is what lets an analyst rerun one stage on an earlier run's
 * output. Any Hadoop-compatible URI works ({@code file://}, {@code hdfs://}, {@code s3a://}).
 */
public record OutputLayout(String root) {

    public OutputLayout {
        root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    /** Validated, typed rows of an input table (internal to the pipeline, but plain Parquet). */
    public String accepted(Table table) {
        return root + "/accepted/" + table.fileName();
    }

    public String rejects() {
        return root + "/rejects";
    }

    /** One row per accepted input row and column read as empty or kept though suspect. */
    public String repairs() {
        return root + "/repairs";
    }

    /** Accounts the flags stage takes for bots, spam or inactive, with the rules that fired. */
    public String accountFlags() {
        return root + "/account_flags";
    }

    public String embeddings() {
        return root + "/features/embeddings";
    }

    /** What {@code assign} and the next run's {@code --previous} need: see {@code NeedmapModel}. */
    public String model() {
        return root + "/model";
    }

    /** How this run's segments continue the previous run's (only with {@code --previous}). */
    public String segmentLineage() {
        return root + "/segment_lineage";
    }

    public String memberships() {
        return root + "/memberships";
    }

    public String segments() {
        return root + "/segments";
    }

    public String segmentInterests() {
        return root + "/segment_interests";
    }

    public String accountTerms() {
        return root + "/account_terms";
    }

    public String interestTerms() {
        return root + "/interest_terms";
    }

    /** Terms of every text this run read, for the next run and {@code assign} (see {@code TermCache}). */
    public String termCache() {
        return root + "/term_cache";
    }

    public String segmentTerms() {
        return root + "/segment_terms";
    }

    public String segmentDemographics() {
        return root + "/segment_demographics";
    }

    public String segmentOverlap() {
        return root + "/segment_overlap";
    }

    /** The wall's ideation boxes: see {@code profile.Ideation}. */
    public String segmentAssets() {
        return root + "/segment_assets";
    }

    public String segmentGaps() {
        return root + "/segment_gaps";
    }

    public String segmentPartners() {
        return root + "/segment_partners";
    }

    /** Each published segment's place on the wall's map: see {@code profile.SegmentMap}. */
    public String segmentMap() {
        return root + "/segment_map";
    }

    /** The Customer Innovation Wall: a self-contained HTML page. */
    public String report() {
        return root + "/report/index.html";
    }

    /** The wall as a PDF: one A4 landscape page for the overview, one per published segment. */
    public String wallPdf() {
        return root + "/report/wall.pdf";
    }

    public String manifest() {
        return root + "/manifest.json";
    }
}
