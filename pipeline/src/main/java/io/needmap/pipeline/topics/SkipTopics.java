package io.needmap.pipeline.topics;

import io.needmap.pipeline.ingest.Table;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.run.Stage;
import io.needmap.pipeline.run.StageContext;
import io.needmap.pipeline.run.StageReport;
import java.util.List;
import java.util.Map;

/**
 * The topics stage with {@code topics.enabled=false}: removes the term tables and term cache an
 * earlier run may have left, so no later stage reads stale terms, and says so in the manifest.
 */
public final class SkipTopics implements Stage {
    @Override
    public String name() {
        return Topics.NAME;
    }

    @Override
    public String description() {
        return "Remove OUTPUT/account_terms and OUTPUT/interest_terms (topics.enabled=false): no stage reads stale "
                + "terms.";
    }

    @Override
    public List<String> reads(OutputLayout layout) {
        return List.of(layout.accepted(Table.ACCOUNTS));
    }

    @Override
    public List<String> writes(OutputLayout layout) {
        return List.of(layout.accountTerms(), layout.interestTerms(), layout.termCache());
    }

    @Override
    public StageReport run(StageContext context) {
        writes(context.layout()).forEach(context::delete);
        return StageReport.of(0, 0).with(Topics.SECTION, Map.of("skipped", "topics.enabled=false"));
    }
}
