package io.needmap.pipeline.topics;

import io.needmap.pipeline.run.StageContext;
import io.needmap.pipeline.run.StageReport;
import java.util.Map;

/**
 * The topics stage with {@code topics.enabled=false}: removes the term tables and term cache an
 * earlier run may have left, so no later stage reads stale terms, and says so in the manifest.
 */
public final class SkipTopics extends TermTables {
    @Override
    public String description() {
        return "Remove OUTPUT/account_terms, interest_terms and term_cache (topics.enabled=false): no stage reads stale "
                + "terms.";
    }

    @Override
    public StageReport run(StageContext context) {
        writes(context.layout()).forEach(context::delete);
        return StageReport.of(0, 0).with(SECTION, Map.of("skipped", "topics.enabled=false"));
    }
}
