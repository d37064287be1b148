package io.needmap.pipeline.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The ideation tables from hand-made top lists, with words as terms (no CoreNLP). */
class IdeationTest {
    private static final StructType INTEREST = (StructType)
            DataType.fromDDL("followed_id string, name string, category string, lift double, reach double");
    private static final StructType TERM = (StructType) DataType.fromDDL("term string, lift double, reach double");

    /** Segment 0 (pets): two pet accounts, the brand's own pet club, a backbone account; segment 1 (gaming). */
    private static final Map<Integer, List<Row>> INTERESTS = Map.of(
            0,
            List.of(
                    interest("pets_hub", "Pets Hub", "Pets", 8.0),
                    interest("brand_pets", "Our <Pet> Club", "Pets", 6.0),
                    interest("vet_daily", "Vet Daily", "Health", 4.0),
                    interest("bb_001", "World News", "News", 1.1)),
            1,
            List.of(interest("gg", "GG Arena", "Gaming", 5.0)));

    private static final Map<Integer, List<Row>> TERMS = Map.of(
            0,
            List.of(term("dog", 9.0), term("puppy", 7.0), term("coffee", 1.2)),
            1,
            List.of(term("esports", 6.0), term("console", 5.0)));

    private static final List<Ideation.Asset> ASSETS = List.of(
            asset("as_card", "Gift card", null, "gift card coffee"),
            asset("as_food", "Dog food", null, "dog food"),
            asset("as_club", "Pet club", "brand_pets", "dog puppy pets"));

    @Test
    void assetsAreRankedByTheDistinctiveNeedsTheyCover() {
        Ideation.Tables tables = new Ideation(ASSETS, IdeationTest::words, 2.0).tables(INTERESTS, TERMS);
        assertEquals(
                List.of("0 1 as_club [Our <Pet> Club, Pets, dog, puppy]", "0 2 as_food [dog]"),
                tables.assets().stream()
                        .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2) + " " + r.get(5))
                        .toList(),
                "the gift card covers only coffee, which every segment uses (lift 1.2): never listed");
        assertEquals(0.75 + 1.0 + 1.0 + 2 / 3.0, (double) tables.assets().get(0).get(4), 1e-9);
    }

    /** Ranked by weight in their top list, then lift, then name. */
    @Test
    void gapsAreTheDistinctiveNeedsNoAssetCovers() {
        Ideation.Tables tables = new Ideation(ASSETS, IdeationTest::words, 2.0).tables(INTERESTS, TERMS);
        assertEquals(
                List.of(
                        "0 1 interest Pets Hub",
                        "0 2 category Health",
                        "0 3 interest Vet Daily",
                        "1 1 term esports",
                        "1 2 interest GG Arena",
                        "1 3 category Gaming",
                        "1 4 term console"),
                tables.gaps().stream()
                        .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2) + " " + r.get(3))
                        .toList());
    }

    @Test
    void partnersAreDistinctiveAccountsThatAreNotTheBrandsOwn() {
        Ideation.Tables tables = new Ideation(ASSETS, IdeationTest::words, 2.0).tables(INTERESTS, TERMS);
        assertEquals(
                List.of("0 1 pets_hub", "0 2 vet_daily", "1 1 gg"),
                tables.partners().stream()
                        .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2))
                        .toList(),
                "not the brand's pet club, not the backbone's news account");
    }

    @Test
    void withoutAssetsEveryDistinctiveNeedIsAGap() {
        Ideation.Tables tables = new Ideation(List.of(), IdeationTest::words, 2.0).tables(INTERESTS, TERMS);
        assertEquals(List.of(), tables.assets());
        assertEquals(
                List.of("dog", "Pets", "Pets Hub", "Our <Pet> Club", "puppy", "Health", "Vet Daily"),
                tables.gaps().stream()
                        .filter(r -> r.getInt(0) == 0)
                        .map(r -> r.getString(3))
                        .toList());
        assertEquals(3, tables.partners().stream().filter(r -> r.getInt(0) == 0).count());
    }

    private static Set<String> words(String text) {
        return new HashSet<>(Arrays.asList(text.toLowerCase(Locale.ROOT).split("\\W+")));
    }

    private static Ideation.Asset asset(String id, String name, String followedId, String terms) {
        return new Ideation.Asset(id, name, followedId, words(terms));
    }

    private static Row interest(String id, String name, String category, double lift) {
        return new GenericRowWithSchema(new Object[] {id, name, category, lift, 0.4}, INTEREST);
    }

    private static Row term(String term, double lift) {
        return new GenericRowWithSchema(new Object[] {term, lift, 0.3}, TERM);
    }
}
