package io.needmap.pipeline.topics;

import io.needmap.pipeline.ingest.Table;
import io.needmap.pipeline.output.OutputLayout;
import io.needmap.pipeline.run.Stage;
import java.util.List;

/**
 * The topics stage, whether it extracts terms ({@link Topics}) or is switched off
 * ({@link SkipTopics}): the same name, input and term tables either way.
 */
abstract sealed class TermTables implements Stage permits Topics, SkipTopics {
    static final String SECTION = "topics";

    @Override
    public String name() {
        return "topics";
    }

    @Override
    public List<String> reads(OutputLayout layout) {
        return List.of(layout.accepted(Table.ACCOUNTS));
    }

    @Override
    public List<String> writes(OutputLayout layout) {
        return List.of(layout.accountTerms(), layout.interestTerms(), layout.termCache());
    }
}
