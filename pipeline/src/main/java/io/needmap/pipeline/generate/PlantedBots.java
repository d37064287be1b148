package io.needmap.pipeline.generate;

import static io.needmap.pipeline.generate.Draws.pick;

import io.needmap.pipeline.ingest.Table;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Accounts that are no customers, in the shapes follower audits describe (SparkToro/Followerwonk
 * 2022, Socialbakers' fake-follower criteria), and real people with one quirk that must not be
 * taken for them: what {@code --bots} adds to an audience, with truth in {@code truth/flags.csv}.
 *
 * <p>Planted, a third each: mass followers (thousands followed, a handful of followers, follows of
 * the popular backbone, mostly no posts and a generated handle), promotional spam (the same
 * promotional text with a fresh link, over and over) and dead accounts (no bio, no location, never
 * posted, created years ago). Edge cases, each on one real account in {@value #EDGE_EVERY}:
 * a journalist following 5,000 to 7,000 accounts (and followed by thousands), a new account with a bio
 * and normal follows but no post yet and hardly a follower, and a shop owner whose every post links
 * to their own shop.
 *
 * <p>Weakness: each shape is a caricature of one audit criterion set; bots that imitate people
 * (varied texts, bought followers) are not planted, so flagging them well here says nothing about those.
 */
final class PlantedBots {
    /** One real account in this many is made into each edge case, when bots are planted. */
    static final int EDGE_EVERY = 100;
    /** Posts a shop owner writes at least (the other accounts' number when it is higher). */
    static final int SHOP_POSTS = 8;

    /** What a planted account is, and the flag it should get (empty for a real person). */
    enum Case {
        MASS_FOLLOWER("bot"),
        PROMO_SPAM("spam"),
        DEAD("inactive"),
        JOURNALIST(""),
        NEW_ACCOUNT(""),
        SHOP_OWNER("");

        private final String flag;

        Case(String flag) {
            this.flag = flag;
        }

        String flag() {
            return flag;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The three kinds of planted account, dealt in turn. */
    static final List<Case> PLANTED = List.of(Case.MASS_FOLLOWER, Case.PROMO_SPAM, Case.DEAD);

    private static final int FOLLOWERS = Table.ACCOUNTS.column("followers_count");
    private static final int FOLLOWING = Table.ACCOUNTS.column("following_count");
    private static final int POSTS = Table.ACCOUNTS.column("posts_count");
    private static final int CREATED = Table.ACCOUNTS.column("created_at");
    private static final LocalDate NEWEST = LocalDate.of(2025, 12, 31);
    private static final List<String> FOLLOW_BACK_BIOS =
            List.of("follow back 💯", "#f4f #followback", "I follow back!! 🔁", "followback guaranteed");
    private static final List<String> PROMOTIONS = List.of(
            "50%% off all %s today only, buy now",
            "Free shipping on %s, limited offer",
            "Make money from home with %s, click here",
            "Crypto signal: %s pumping, DM to order",
            "Giveaway! Win %s, follow back and RT");
    private static final List<String> PRODUCTS =
            List.of("sneakers", "watches", "diet pills", "followers", "sunglasses", "phone cases", "supplements");
    private static final List<String> SHOP_OPENERS = List.of(
            "New in my little shop:", "Just listed:", "Back in stock at my store:", "Made this week for the shop:");

    private PlantedBots() {}

    /**
     * The edge case real account {@code i} is made into, or null (most accounts): exactly one account
     * in {@value #EDGE_EVERY} of each case. Accounts are dealt to needs by a seeded shuffle, so the edge
     * cases fall in every need.
     */
    static Case edgeCase(int i) {
        return switch (i % EDGE_EVERY) {
            case 0 -> Case.JOURNALIST;
            case 1 -> Case.NEW_ACCOUNT;
            case 2 -> Case.SHOP_OWNER;
            default -> null;
        };
    }

    /** Gives a real account row its edge case's counts (journalist, new account; a shop owner's are its posts). */
    static void applyEdge(Case edge, SplittableRandom r, String[] account) {
        if (edge == Case.JOURNALIST) {
            account[FOLLOWING] = Integer.toString(5000 + r.nextInt(2001));
            account[FOLLOWERS] = Integer.toString(2000 + r.nextInt(60_000));
        } else if (edge == Case.NEW_ACCOUNT) {
            account[FOLLOWERS] = Integer.toString(r.nextInt(4));
            account[POSTS] = "0";
            account[CREATED] = NEWEST.minusDays(r.nextInt(30)).toString();
        }
    }

    /** A shop owner's post: varied text about their own products, always a link to their shop. */
    static String shopPost(SplittableRandom r, String handle, List<String> words) {
        return pick(r, SHOP_OPENERS) + " " + pick(r, words) + " " + pick(r, words) + " no. " + (1 + r.nextInt(900))
                + (r.nextInt(3) == 0 ? ", free shipping" : "") + " https://shop.example.com/" + handle + "/"
                + Integer.toString(r.nextInt(1 << 20), 36);
    }

    /** A planted account's row, in the order of {@link Table#ACCOUNTS}'s columns. */
    static String[] account(SplittableRandom r, Case kind, String id, int postRows) {
        String first = pick(r, NeedCatalogue.FIRST_NAMES);
        String digits = Long.toString(10_000_000L + r.nextInt(90_000_000));
        String generated = first.toLowerCase(Locale.ROOT) + digits;
        String created = LocalDate.of(2009, 1, 1).plusDays(r.nextInt(14 * 365)).toString();
        return switch (kind) {
            case MASS_FOLLOWER ->
                new String[] {
                    id,
                    r.nextInt(5) == 0 ? first.toLowerCase(Locale.ROOT) + "_fan" : generated,
                    r.nextBoolean() ? first : "",
                    r.nextBoolean() ? "" : pick(r, FOLLOW_BACK_BIOS),
                    "",
                    "",
                    Integer.toString(r.nextInt(40)),
                    Integer.toString(3000 + r.nextInt(4500)),
                    Integer.toString(postRows + (r.nextInt(4) == 0 ? r.nextInt(20) : 0)),
                    created,
                    "false"
                };
            case PROMO_SPAM ->
                new String[] {
                    id,
                    "deals"
                            + (r.nextBoolean()
                                    ? digits
                                    : "_" + pick(r, PRODUCTS).replace(' ', '_')),
                    "Best " + pick(r, PRODUCTS) + " deals",
                    "💰 Daily deals · DM for promo · link in bio",
                    r.nextBoolean() ? "" : pick(r, NeedCatalogue.CITIES),
                    "en",
                    Integer.toString(20 + r.nextInt(400)),
                    Integer.toString(200 + r.nextInt(1500)),
                    Integer.toString(postRows + r.nextInt(500)),
                    created,
                    "false"
                };
            case DEAD ->
                new String[] {
                    id,
                    r.nextBoolean() ? generated : first.toLowerCase(Locale.ROOT) + pick(r, NeedCatalogue.LAST_NAMES),
                    r.nextBoolean() ? first : "",
                    "",
                    "",
                    "",
                    Integer.toString(r.nextInt(15)),
                    Integer.toString(5 + r.nextInt(80)),
                    "0",
                    LocalDate.of(2009, 1, 1).plusDays(r.nextInt(13 * 365)).toString(),
                    "false"
                };
            default -> throw new IllegalArgumentException(kind + " is a real person, not a planted account");
        };
    }

    /** How many posts a planted account writes: spam 8 to 15, one mass follower in four 1 or 2, the dead none. */
    static int postRows(SplittableRandom r, Case kind) {
        return switch (kind) {
            case PROMO_SPAM -> 8 + r.nextInt(8);
            case MASS_FOLLOWER -> r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0;
            default -> 0;
        };
    }

    /**
     * A planted account's posts: a spammer repeats one or two promotions (a fresh link each time); a
     * mass follower posts a follow-back plea.
     */
    static List<String> posts(SplittableRandom r, Case kind, int count) {
        List<String> texts = new ArrayList<>(count);
        String product = pick(r, PRODUCTS);
        List<String> promotions = List.of(
                String.format(Locale.ROOT, pick(r, PROMOTIONS), product),
                String.format(Locale.ROOT, pick(r, PROMOTIONS), product));
        for (int p = 0; p < count; p++) {
            texts.add(
                    kind == Case.PROMO_SPAM
                            ? "🔥 " + promotions.get(r.nextInt(3) == 0 ? 1 : 0) + " https://t.co/"
                                    + Integer.toString(r.nextInt(1 << 30), 36)
                            : pick(r, FOLLOW_BACK_BIOS));
        }
        return texts;
    }

    /** How many follows a planted account has in {@code follows}, and how many of them are the backbone. */
    static int[] follows(SplittableRandom r, Case kind) {
        return switch (kind) {
            case MASS_FOLLOWER -> {
                int total = 20 + r.nextInt(100);
                yield new int[] {total, Math.min(FollowPools.BACKBONE_SIZE, (int) Math.round(total * 0.95))};
            }
            case PROMO_SPAM -> {
                int total = 10 + r.nextInt(50);
                yield new int[] {total, total / 2};
            }
            default -> {
                int total = 5 + r.nextInt(35);
                yield new int[] {total, total / 2};
            }
        };
    }
}
