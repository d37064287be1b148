package io.needmap.pipeline.profile;

import io.needmap.pipeline.profile.NeedTaxonomy.Need;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Names each segment after the customer need its distinctive items point to: the need whose
 * keywords occur in the largest weighted share of the segment's evidence (names, categories and
 * descriptions of its distinctive followed accounts, and its distinctive terms), each item weighted
 * by its rank. That share, in [0, 1], is {@code need_score}; below the minimum {@code need} is null
 * and the segment is named from what it follows and says instead: its most distinctive categories
 * (at most two, the second only when it weighs at least half the first; a category counts the
 * weights of its accounts times ln(1 + segments / segments listing it), so "Entertainment", in
 * every segment's top interests, loses to "Photography", in three; a category that is the only one
 * and in every segment, as "artist" in an export of listeners, is not used), then its top terms, then the
 * names of its top interests, three parts in all, e.g. "Photography · Travel · drone". Raw ids
 * of unnamed accounts are used only when a segment has no name, category or term at all.
 *
 * <p>Why weighted shares rather than keyword counts: a segment whose five most distinctive accounts
 * are all about deals is a bargain segment even if one descriptive word elsewhere says "travel".
 * Labels stay distinct: segments sharing a label get their most distinctive readable item (a named
 * account or a term, preferably one the others sharing the label lack) appended, and if that still
 * leaves a tie, their segment number. Where it fails: a keyword shared by several needs (e.g.
 * "brewing" for coffee and beer) lends the same weight to each, and the first need in taxonomy
 * order wins a tie; taxonomies in one language do not label audiences that describe themselves in
 * another; categories are taken as the export spells them, so "Photo" and "Photography" are two.
 */
public final class NeedLabeler {

    /** What an item of evidence is; it decides where the item may appear in a label. */
    public enum Kind {
        /** A followed account with a name. */
        NAMED_INTEREST,
        /** A followed account known only by its id: never shown when anything readable exists. */
        UNNAMED_INTEREST,
        /** A distinctive term of the segment's bios and posts. */
        TERM
    }

    /**
     * One distinctive item of a segment: what to show ({@code item}), its {@code category} (null
     * for terms and uncategorised accounts), what to match against the needs ({@code text}) and
     * how much it counts.
     */
    public record Evidence(int segmentId, Kind kind, String item, String category, String text, double weight) {

        /** A followed account; {@code name}, {@code category} and {@code description} may be null. */
        public static Evidence interest(
                int segmentId, String followedId, String name, String category, String description, double weight) {
            String shown = present(name) ? name : followedId;
            String text = Stream.of(shown, category, description)
                    .filter(Objects::nonNull)
                    .collect(Collectors.joining(" "));
            return new Evidence(
                    segmentId,
                    present(name) ? Kind.NAMED_INTEREST : Kind.UNNAMED_INTEREST,
                    shown,
                    present(category) ? category.strip() : null,
                    text,
                    weight);
        }

        public static Evidence term(int segmentId, String term, double weight) {
            return new Evidence(segmentId, Kind.TERM, term, null, term, weight);
        }
    }

    /** A segment's label; {@code need} and {@code needScore} are null when no need matched well. */
    public record Label(int segmentId, String label, String need, Double needScore) {}

    private static final int LABEL_PARTS = 3;
    private static final int MAX_CATEGORIES = 2;
    private static final double SECOND_CATEGORY_MIN_RATIO = 0.5;
    private static final String SEPARATOR = " · ";

    private final Map<Need, Pattern> patterns = new LinkedHashMap<>();
    private final double minScore;

    public NeedLabeler(NeedTaxonomy taxonomy, double minScore) {
        taxonomy.needs().forEach(need -> patterns.put(need, need.pattern()));
        this.minScore = minScore;
    }

    /** Labels every segment that has evidence, in segment order; no two labels are equal. */
    public List<Label> label(List<Evidence> evidence) {
        Map<Integer, List<Evidence>> bySegment = evidence.stream()
                .collect(Collectors.groupingBy(Evidence::segmentId, TreeMap::new, Collectors.toList()));
        Map<String, Double> rarity = categoryRarity(bySegment);
        List<Label> labels = new ArrayList<>();
        bySegment.forEach((segment, items) -> labels.add(labelOne(segment, items, rarity)));
        List<Label> withItem = disambiguate(
                labels,
                (label, sharing) -> distinguishingItem(label, sharing, bySegment)
                        .map(item -> label.label() + SEPARATOR + item)
                        .orElse(label.label()));
        return disambiguate(withItem, (label, sharing) -> label.label() + " (segment " + label.segmentId() + ")");
    }

    private Label labelOne(int segment, List<Evidence> items, Map<String, Double> rarity) {
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
        List<String> parts = new ArrayList<>(topCategories(items, rarity));
        addDistinct(parts, items, Kind.TERM);
        addDistinct(parts, items, Kind.NAMED_INTEREST);
        if (parts.isEmpty()) {
            addDistinct(parts, items, Kind.UNNAMED_INTEREST);
        }
        return new Label(segment, String.join(SEPARATOR, parts), null, null);
    }

    /**
     * ln(1 + segments / segments whose evidence lists the category), by lower-cased category; none
     * when the segments' evidence holds one category only and every segment lists it.
     */
    private static Map<String, Double> categoryRarity(Map<Integer, List<Evidence>> bySegment) {
        Map<String, Long> segmentsListing = bySegment.values().stream()
                .flatMap(items -> items.stream()
                        .map(NeedLabeler::categoryKey)
                        .filter(Objects::nonNull)
                        .distinct())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Map<String, Double> rarity = new HashMap<>();
        if (bySegment.size() > 1
                && segmentsListing.size() == 1
                && segmentsListing.values().iterator().next() == bySegment.size()) {
            // One category in every segment's evidence and no other (an export that files every
            // followed account under "artist") tells no segment from another: it would lead every label.
            return rarity;
        }
        segmentsListing.forEach((category, n) -> rarity.put(category, Math.log1p((double) bySegment.size() / n)));
        return rarity;
    }

    /** The segment's most distinctive categories, as first spelled in its evidence. */
    private static List<String> topCategories(List<Evidence> items, Map<String, Double> rarity) {
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, String> spelling = new HashMap<>();
        for (Evidence e : items) {
            String key = categoryKey(e);
            if (key != null && rarity.containsKey(key)) {
                scores.merge(key, Math.max(0, e.weight()) * rarity.get(key), Double::sum);
                spelling.putIfAbsent(key, e.category());
            }
        }
        List<Map.Entry<String, Double>> ranked = scores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .toList();
        return ranked.stream()
                .limit(MAX_CATEGORIES)
                .filter(c -> c.getValue()
                        >= SECOND_CATEGORY_MIN_RATIO * ranked.get(0).getValue())
                .map(c -> spelling.get(c.getKey()))
                .toList();
    }

    /** Appends items of {@code kind}, best first, that the label does not hold yet, up to its size. */
    private static void addDistinct(List<String> parts, List<Evidence> items, Kind kind) {
        for (Evidence e : items) {
            if (parts.size() < LABEL_PARTS
                    && e.kind() == kind
                    && present(e.item())
                    && !lowerCase(parts).contains(e.item().toLowerCase(Locale.ROOT))) {
                parts.add(e.item());
            }
        }
    }

    /**
     * The readable item (named account or term, best first) to append to a label that other
     * segments share: preferably one none of them lists, else the first one not in the label yet.
     */
    private static Optional<String> distinguishingItem(
            Label label, List<Label> sharing, Map<Integer, List<Evidence>> bySegment) {
        Set<String> inLabel = Set.copyOf(lowerCase(List.of(label.label().split(Pattern.quote(SEPARATOR)))));
        Set<String> others = sharing.stream()
                .filter(l -> l.segmentId() != label.segmentId())
                .flatMap(l -> bySegment.get(l.segmentId()).stream())
                .map(Evidence::item)
                .filter(NeedLabeler::present)
                .map(item -> item.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        List<String> candidates = bySegment.get(label.segmentId()).stream()
                .filter(e -> e.kind() != Kind.UNNAMED_INTEREST && present(e.item()))
                .map(Evidence::item)
                .filter(item -> !inLabel.contains(item.toLowerCase(Locale.ROOT)))
                .toList();
        return candidates.stream()
                .filter(item -> !others.contains(item.toLowerCase(Locale.ROOT)))
                .findFirst()
                .or(() -> candidates.stream().findFirst());
    }

    /** Renames, with {@code rename(label, labels sharing its text)}, every label shared by several segments. */
    private static List<Label> disambiguate(List<Label> labels, BiFunction<Label, List<Label>, String> rename) {
        Map<String, List<Label>> byText = labels.stream().collect(Collectors.groupingBy(Label::label));
        return labels.stream()
                .map(l -> {
                    List<Label> sharing = byText.get(l.label());
                    return sharing.size() == 1
                            ? l
                            : new Label(l.segmentId(), rename.apply(l, sharing), l.need(), l.needScore());
                })
                .toList();
    }

    private static String categoryKey(Evidence e) {
        return e.category() == null ? null : e.category().toLowerCase(Locale.ROOT);
    }

    private static List<String> lowerCase(List<String> texts) {
        return texts.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
