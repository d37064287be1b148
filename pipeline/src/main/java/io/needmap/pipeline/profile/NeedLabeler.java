package io.needmap.pipeline.profile;

import io.needmap.pipeline.profile.NeedTaxonomy.Need;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Names each segment after the customer need its distinctive items point to: the need whose
 * keywords occur in the largest weighted share of the segment's evidence (names, categories and
 * descriptions of its distinctive followed accounts, and its distinctive terms), each item weighted
 * by its {@code log_odds_z}. That share, in [0, 1], is {@code need_score}; below the minimum the
 * segment is named after its top three items instead and {@code need} is null.
 *
 * <p>Why weighted shares rather than keyword counts: a segment whose five most distinctive accounts
 * are all about deals is a bargain segment even if one descriptive word elsewhere says "travel".
 * Where it fails: a keyword shared by several needs (e.g. "brewing" for coffee and beer) lends the
 * same weight to each, and the first need in taxonomy order wins a tie; taxonomies in one language
 * do not label audiences that describe themselves in another. Two segments with the same need get
 * their top item appended to the label so that labels stay distinct.
 */
public final class NeedLabeler {

    /** One distinctive item of a segment: what to show, what to match, how much it counts. */
    public record Evidence(int segmentId, String item, String text, double weight) {
    }

    /** A segment's label; {@code need} and {@code needScore} are null when no need matched well. */
    public record Label(int segmentId, String label, String need, Double needScore) {
    }

    private static final int FALLBACK_ITEMS = 3;

    private final Map<Need, Pattern> patterns = new LinkedHashMap<>();
    private final double minScore;

    public NeedLabeler(NeedTaxonomy taxonomy, double minScore) {
        taxonomy.needs().forEach(need -> patterns.put(need, need.pattern()));
        this.minScore = minScore;
    }

    /** Labels every segment that has evidence, in segment order. */
    public List<Label> label(List<Evidence> evidence) {
        Map<Integer, List<Evidence>> bySegment = evidence.stream()
                .collect(Collectors.groupingBy(Evidence::segmentId, TreeMap::new, Collectors.toList()));
        List<Label> labels = new ArrayList<>();
        bySegment.forEach((segment, items) -> labels.add(labelOne(segment, items)));
        Map<String, Long> needCounts = labels.stream().filter(l -> l.need() != null)
                .collect(Collectors.groupingBy(Label::need, Collectors.counting()));
        return labels.stream().map(l -> l.need() != null && needCounts.get(l.need()) > 1
                ? new Label(l.segmentId(), l.label() + " · " + bySegment.get(l.segmentId()).get(0).item(), l.need(),
                        l.needScore())
                : l).toList();
    }

    private Label labelOne(int segment, List<Evidence> items) {
        double total = items.stream().mapToDouble(e -> Math.max(0, e.weight())).sum();
        Function<Evidence, Double> weight = total > 0 ? e -> Math.max(0, e.weight()) : e -> 1.0;
        double denominator = total > 0 ? total : items.size();
        Need best = null;
        double bestScore = 0;
        for (Map.Entry<Need, Pattern> need : patterns.entrySet()) {
            double matched = 0;
            for (Evidence e : items) {
                if (e.text() != null && need.getValue().matcher(e.text()).find()) {
                    matched += weight.apply(e);
                }
            }
            double score = matched / denominator;
            if (score > bestScore) {
                best = need.getKey();
                bestScore = score;
            }
        }
        if (best != null && bestScore >= minScore) {
            return new Label(segment, best.name(), best.name(), Math.round(bestScore * 1e4) / 1e4);
        }
        Set<String> top = new LinkedHashSet<>();
        items.stream().map(Evidence::item).filter(i -> i != null && !i.isBlank()).forEach(i -> {
            if (top.size() < FALLBACK_ITEMS) {
                top.add(i);
            }
        });
        return new Label(segment, top.isEmpty() ? "Segment " + segment : String.join(", ", top), null, null);
    }
}
