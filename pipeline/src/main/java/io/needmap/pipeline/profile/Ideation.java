package io.needmap.pipeline.profile;

import static io.needmap.pipeline.output.Columns.FOLLOWED_ID;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * The wall's three ideation questions for each published segment, from what the profile already
 * found distinctive about it: which of the brand's assets serve it ({@code segment_assets}), which
 * of its distinctive needs no asset serves ({@code segment_gaps}) and which followed accounts it
 * over-indexes on that are not the brand's own ({@code segment_partners}).
 *
 * <p>A segment's distinctive needs are its top terms and top interests (ranked by
 * {@link DistinctiveItems}) whose lift reaches {@code distinctiveLift}, and the categories of those
 * interests. An asset's name and description go through the same term extraction as bios and
 * interest descriptions; it covers a term it yields, a category whose name's words are all words of
 * its terms (a compound such as "discount deal" names both its nouns), and the interest that is its
 * own account ({@code assets.followed_id}). Its score is the sum of the weights
 * of the needs it covers, each need weighing 1 − (rank − 1) / n in its list (a category as its best
 * interest), so terms and interests count on one scale; an asset covering nothing distinctive is not
 * listed. Partners are the distinctive interests that are not an asset's own account, in the
 * profile's order; the popular backbone cannot reach the lift floor (an account followed by a share
 * p of the audience has lift at most 1 / p in any segment, and in practice about 1 in every one).
 *
 * <p>Everything here reads the top lists the profile publishes, so the privacy floor holds.
 *
 * <p>Weakness: matching is on exact terms, so an asset described with synonyms of a segment's words
 * ("pups" for "dog") covers nothing, and a segment whose distinctive items are all accounts (no
 * topics stage, no interests table) is matched only through categories and the assets' own accounts.
 * An asset is scored by what it covers, not by how well: one word of its description shared with a
 * segment lists it.
 */
public final class Ideation {
    public static final StructType ASSETS = (StructType) DataType.fromDDL("segment_id int not null, rank int not null,"
            + " asset_id string, name string, score double, matched array<string>");
    public static final StructType GAPS = (StructType) DataType.fromDDL(
            "segment_id int not null, rank int not null," + " kind string, item string, lift double, reach double");
    public static final StructType PARTNERS =
            (StructType) DataType.fromDDL("segment_id int not null, rank int not null,"
                    + " followed_id string, name string, category string, lift double, reach double");

    static final String TERM = "term";
    static final String CATEGORY = "category";
    static final String INTEREST = "interest";

    /** One of the brand's assets and the terms of its name and description. */
    public record Asset(String id, String name, String followedId, Set<String> terms) {
        /** The words of its terms: a compound ("discount deal") still names each of its nouns. */
        Set<String> words() {
            return Ideation.words(terms);
        }
    }

    /** The three tables' rows, in the schemas {@link #ASSETS}, {@link #GAPS} and {@link #PARTNERS}. */
    public record Tables(List<Row> assets, List<Row> gaps, List<Row> partners) {}

    /** An asset listed for a segment: its score and the items it covers. */
    private record Listing(Asset asset, double score, List<String> matched) {}

    /** A distinctive need of a segment; {@code key} is the followed account of an interest, else the item. */
    private record Need(String kind, String item, String key, double lift, double reach, double weight) {}

    private final List<Asset> assets;
    private final Function<String, Set<String>> termsOf;
    private final double distinctiveLift;

    /**
     * @param termsOf the term extraction applied to the assets' texts, for the categories' names
     * @param distinctiveLift the lift from which an item is a distinctive need (and an account a partner)
     */
    public Ideation(List<Asset> assets, Function<String, Set<String>> termsOf, double distinctiveLift) {
        this.assets = List.copyOf(assets);
        this.termsOf = termsOf;
        this.distinctiveLift = distinctiveLift;
    }

    /**
     * @param topInterests per published segment its top interests, best first, with
     *     {@code followed_id, name, category, lift, reach}
     * @param topTerms per published segment its top terms, best first, with {@code term, lift, reach}
     */
    public Tables tables(Map<Integer, List<Row>> topInterests, Map<Integer, List<Row>> topTerms) {
        Set<String> ownAccounts = new HashSet<>();
        assets.stream().map(Asset::followedId).filter(id -> id != null).forEach(ownAccounts::add);
        Map<String, Set<String>> categoryTerms = new LinkedHashMap<>();
        Tables tables = new Tables(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Set<Integer> segments = new TreeSet<>(topInterests.keySet());
        segments.addAll(topTerms.keySet());
        for (int segment : segments) {
            List<Row> interests = topInterests.getOrDefault(segment, List.of());
            List<Need> needs = needs(interests, topTerms.getOrDefault(segment, List.of()));
            Set<Need> covered = new HashSet<>();
            List<Listing> listed = new ArrayList<>();
            for (Asset asset : assets) {
                List<Need> matched = needs.stream()
                        .filter(need -> covers(asset, need, categoryTerms))
                        .toList();
                if (!matched.isEmpty()) {
                    covered.addAll(matched);
                    listed.add(new Listing(
                            asset,
                            matched.stream().mapToDouble(Need::weight).sum(),
                            matched.stream().map(Need::item).toList()));
                }
            }
            listed.sort(Comparator.comparingDouble(Listing::score)
                    .reversed()
                    .thenComparing(l -> l.asset().id()));
            for (int i = 0; i < listed.size(); i++) {
                Listing l = listed.get(i);
                tables.assets()
                        .add(RowFactory.create(
                                segment, i + 1, l.asset().id(), l.asset().name(), l.score(), l.matched()));
            }
            List<Need> gaps = needs.stream()
                    .filter(need -> !covered.contains(need))
                    .sorted(Comparator.comparingDouble(Need::weight)
                            .reversed()
                            .thenComparing(
                                    Comparator.comparingDouble(Need::lift).reversed())
                            .thenComparing(Need::item))
                    .toList();
            for (int i = 0; i < gaps.size(); i++) {
                Need gap = gaps.get(i);
                tables.gaps().add(RowFactory.create(segment, i + 1, gap.kind(), gap.item(), gap.lift(), gap.reach()));
            }
            int rank = 0;
            for (Row interest : interests) {
                String id = interest.getAs(FOLLOWED_ID);
                if (distinctive(interest) && !ownAccounts.contains(id)) {
                    tables.partners()
                            .add(RowFactory.create(
                                    segment,
                                    ++rank,
                                    id,
                                    interest.getAs("name"),
                                    interest.getAs("category"),
                                    interest.getAs("lift"),
                                    interest.getAs("reach")));
                }
            }
        }
        return tables;
    }

    private boolean distinctive(Row item) {
        return item.<Double>getAs("lift") >= distinctiveLift;
    }

    /**
     * A segment's distinctive interests, their categories and its distinctive terms, each weighing
     * 1 − (rank − 1) / n in its top list (a category as its best interest).
     */
    private List<Need> needs(List<Row> interests, List<Row> terms) {
        List<Need> needs = new ArrayList<>();
        Map<String, Need> categories = new LinkedHashMap<>();
        for (int i = 0; i < interests.size(); i++) {
            Row r = interests.get(i);
            if (!distinctive(r)) {
                continue;
            }
            String id = r.getAs(FOLLOWED_ID);
            String name = r.getAs("name");
            double weight = 1.0 - (double) i / interests.size();
            double lift = r.getAs("lift");
            double reach = r.getAs("reach");
            needs.add(new Need(INTEREST, name == null || name.isBlank() ? id : name, id, lift, reach, weight));
            String category = r.getAs("category");
            if (category != null && !category.isBlank()) {
                // The first occurrence is the category's best interest: it keeps that interest's weight.
                categories.merge(
                        category,
                        new Need(CATEGORY, category, category, lift, reach, weight),
                        (best, next) -> new Need(
                                CATEGORY,
                                category,
                                category,
                                Math.max(best.lift(), next.lift()),
                                Math.max(best.reach(), next.reach()),
                                best.weight()));
            }
        }
        needs.addAll(categories.values());
        for (int i = 0; i < terms.size(); i++) {
            Row r = terms.get(i);
            if (distinctive(r)) {
                String term = r.getAs(TERM);
                needs.add(
                        new Need(TERM, term, term, r.getAs("lift"), r.getAs("reach"), 1.0 - (double) i / terms.size()));
            }
        }
        return needs;
    }

    private static Set<String> words(Set<String> terms) {
        Set<String> words = new HashSet<>();
        terms.forEach(term -> words.addAll(Arrays.asList(term.split(" "))));
        return words;
    }

    private boolean covers(Asset asset, Need need, Map<String, Set<String>> categoryTerms) {
        return switch (need.kind()) {
            case TERM -> asset.terms().contains(need.key());
            case INTEREST -> need.key().equals(asset.followedId());
            default -> {
                Set<String> words = categoryTerms.computeIfAbsent(
                        need.key(), category -> words(termsOf.apply(category.toLowerCase(Locale.ROOT))));
                yield !words.isEmpty() && asset.words().containsAll(words);
            }
        };
    }
}
