package io.needmap.pipeline.generate;

import static io.needmap.pipeline.generate.Draws.padded;
import static io.needmap.pipeline.generate.Draws.pick;

import io.needmap.pipeline.generate.GeneratorOptions.OmittedTable;
import io.needmap.pipeline.generate.NeedCatalogue.NeedTheme;
import io.needmap.pipeline.ingest.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The brand's own {@code assets} and {@code truth/assets.csv} ({@code asset_id, segment_id, need}):
 * one asset per need except every {@value #UNCOVERED_EVERY}th need, described with four of the need's
 * words (every other one with the need's most followed niche account as its own account), and the
 * {@link #GENERIC_ASSETS} ({@code segment_id} −1), described with filler every segment's bios use. So
 * the wall has needs an asset serves, needs none serves (its gaps), and assets that serve no need in
 * particular.
 *
 * <p>Weakness: an asset serves one need, described in that need's own words; real catalogues describe
 * products in the brand's words, not the audience's.
 */
final class BrandAssets {
    /** Every this-many-th need (the third, sixth...) gets no asset: its distinctive needs are the wall's gaps. */
    static final int UNCOVERED_EVERY = 3;
    /** Assets that serve no need in particular, named and described with words every segment uses. */
    static final List<String[]> GENERIC_ASSETS = List.of(
            new String[] {"as_g01", "Gift Card", "product", "A gift card for everyone. Coffee, and be kind.", ""},
            new String[] {"as_g02", "Brand Newsletter", "channel", "Coffee break reading: always learning.", ""},
            new String[] {
                "as_g03", "Loyalty Club", "service", "For every dreamer and night owl: living my best life.", ""
            });

    private BrandAssets() {}

    /**
     * Writes {@code assets.csv} into {@code dir} (nothing when the options omit it) and its truth.
     *
     * @return the rows of {@code assets.csv} (0 when omitted)
     */
    static long write(GeneratorOptions options, FollowPools pools, Path dir, Path truthFile) throws IOException {
        SplittableRandom r = Draws.rng(options.seed(), Draws.ASSET_STREAM, 0);
        List<String> kinds = List.of("product", "service", "content", "channel");
        try (CsvTable out = CsvTable.input(dir, Table.ASSETS, options, OmittedTable.ASSETS);
                CsvTable truthCsv = options.omits(OmittedTable.ASSETS)
                        ? CsvTable.absent(truthFile)
                        : new CsvTable(truthFile, new String[] {"asset_id", "segment_id", "need"}, true)) {
            for (int s = 0; s < options.segments(); s++) {
                if (s % UNCOVERED_EVERY == UNCOVERED_EVERY - 1) {
                    continue;
                }
                NeedTheme theme = NeedCatalogue.THEMES.get(s);
                List<String> words = new ArrayList<>(theme.vocabulary());
                Collections.shuffle(words, new Random(r.nextLong()));
                String id = "as_" + padded(s, 3);
                out.writeRow(
                        id,
                        AudienceText.titleCase(words.get(0)) + " " + pick(r, NeedCatalogue.NICHE_SUFFIXES),
                        kinds.get(s % kinds.size()),
                        // Listed as bios list them ("Into a, b & c"): a run of nouns would be one compound term.
                        words.get(0) + ", " + words.get(1) + ", " + words.get(2) + " and " + words.get(3)
                                + ": all in one place.",
                        s % 2 == 0 ? pools.nicheAccount(s, 0) : "");
                truthCsv.writeRow(id, Integer.toString(s), theme.need());
            }
            for (String[] generic : GENERIC_ASSETS) {
                out.writeRow(generic);
                truthCsv.writeRow(generic[0], "-1", "");
            }
            return out.rows();
        }
    }
}
