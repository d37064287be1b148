package io.needmap.pipeline.generate;

import static io.needmap.pipeline.generate.Draws.pick;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Bios, posts and long-tail interest rows of the {@link GeneratorOptions.TextStyle#REALISTIC} text
 * style. A text is a few parts, each a sentence template whose {@code {slots}} are filled from the
 * catalogue's need-free pools (adjectives, verbs, places, times, things, people, jobs, numbers...),
 * so that whole texts and the fragments the topics stage cuts them into rarely repeat. Most texts
 * carry one or two words of the author's need (now and then of its secondary need), many carry a
 * word of another theme, and some carry none: the need is recoverable, but not from every text.
 */
final class RealisticText {

    /** Share of posts that are a stock one-liner, the same for everybody who posts it. */
    private static final double STOCK_POST_SHARE = 0.04;
    /** Share of bios with a stock phrase ("views my own", "she/her"), the same in many bios. */
    private static final double BOILERPLATE_BIO_SHARE = 0.25;

    /** Post sentences that carry a theme word. */
    private static final List<String> THEME_SENTENCES = List.of(
            "{time} I {past} {det} {adj} {theme} {place}",
            "{past} {det} {theme} {place} {time} and it was {reaction}",
            "can't believe {people} {past} {det} {theme} {time}",
            "{n} {span} of {theme} and {det} {life} is still {adj}",
            "anyone know a {adj} {theme} spot {place}? asking for {people}",
            "{theme} > {life}, {reaction}",
            "hot take: {theme} is {adj} and {other} is {adj}",
            "finally {past} {det} {theme}, {people} thinks it's {adj}",
            "{time}: {theme}, {other}, {life}. {reaction}",
            "note to self: never {verb} {theme} {time} again",
            "is it just me or is {det} {theme} {adj} {time}?",
            "{people} got me into {theme} {n} {span} ago and now {reaction}",
            "day {num} of {theme}: {reaction}",
            "swapped {life} for {theme} {time}, {reaction}",
            "if you're {place} {time}, come say hi, we're doing {theme}",
            "ranking {theme} {place}: {adj}, {adj}, {adj}",
            "{name} from {city} just {past} {det} {theme}, {reaction}",
            "spent {num} quid on {theme} {time}, {people} is {adj} about it",
            "who else is {adj} about {theme} and {other} {time}",
            "my {adj} {theme} era started {time}",
            "{theme} update: {past} {det} {thing}, {reaction}");

    /** Post sentences about nothing in particular. */
    private static final List<String> LIFE_SENTENCES = List.of(
            "{life} {time}, {reaction}",
            "{people} {past} the {thing} {place}",
            "why is {det} {thing} always {adj}",
            "{day} mood: {adj} and {adj}",
            "lost my {thing} {place} {time}",
            "{life} again. {reaction}",
            "{people} says hi from {city}",
            "{num} emails and a {adj} {thing} later, {reaction}",
            "reminder to {verb} your {life} {time}",
            "the {adj} {thing} {place} is back and so am I",
            "{time} was all {life}, {reaction}",
            "{past} my {thing} {time}, {reaction}");

    /** Bio parts that carry a theme word. */
    private static final List<String> THEME_BIO_PARTS = List.of(
            "{adj} {theme} {fan}",
            "{theme} {fan} since {year}",
            "{job} by day, {theme} {fan} by night",
            "into {theme}, {other} and {life}",
            "part-time {theme} {fan}, full-time {adj} {kin}",
            "{n} years into {theme} and still {adj}",
            "{theme} + {other} + {life}",
            "will {verb} for {adj} {theme}",
            "{theme} {fan} in {city}",
            "currently: {theme}, {adj} {thing}");

    /** Bio parts about the person rather than a need. */
    private static final List<String> PERSON_BIO_PARTS = List.of(
            "{adj} {job} in {city}",
            "{job} in {city}, {adj} about {life}",
            "{city} born, {city} based, {adj}",
            "{city} → {city} → {city}",
            "{kin} of {n} {adj} {children}",
            "{kin} to {name} & {name}",
            "powered by {life} and a {adj} {thing}",
            "ask me about my {adj} {thing}",
            "{adj} about {life}");

    /** Descriptions of a local business; {@code {shop}} is the kind of business its name says. */
    private static final List<String> BUSINESS_DESCRIPTIONS = List.of(
            "Family-run {shop} in {city} since {year}.",
            "The {adj} {shop} in {city}. Open every day but {day}.",
            "Your local {shop}, {num} five-star reviews and counting.",
            "Independent {shop} serving {city} for {n} years. {reaction}!",
            "New {shop} {place}, come and say hi {time}.");

    /** Descriptions of a local group; {@code {group}} is the kind of group its name says. */
    private static final List<String> GROUP_DESCRIPTIONS = List.of(
            "{city}'s {adj} {group}. {num} members, all welcome.",
            "Sharing {theme} and {life} news around {city} since {year}.",
            "For everyone {place} in {city}: {life}, {theme}, {other}.",
            "Run by volunteers since {year}. Next meet-up {time}.");

    /**
     * Between bio parts: {@code " · "}, {@code " | "}, {@code " • "} and the line break cut fragments,
     * the others join two parts into one fragment.
     */
    private static final List<String> BIO_SEPARATORS =
            List.of(" · ", " | ", "\n", ". ", ", ", " • ", " / ", " · ", ". ", ", ");

    /** Between two post sentences. */
    private static final List<String> SENTENCE_BREAKS = List.of(". ", ". ", "! ", "\n", " - ", ", ");

    private static final List<String> POST_ENDINGS = List.of("", "", ".", "!", "...", " lol", " haha", "!!");

    private RealisticText() {}

    /** An English bio of one to four parts, mostly about the person, usually naming its need once. */
    static String bio(SplittableRandom r, Needs needs, String handle) {
        List<String> parts = new ArrayList<>(6);
        if (r.nextDouble() < 0.8) {
            parts.add(fill(pick(r, THEME_BIO_PARTS), r, needs));
        }
        int personParts = Math.max(parts.isEmpty() ? 1 : 0, r.nextDouble() < 0.6 ? 1 + r.nextInt(2) : 0);
        for (int p = 0; p < personParts; p++) {
            parts.add(fill(pick(r, PERSON_BIO_PARTS), r, needs));
        }
        if (r.nextDouble() < BOILERPLATE_BIO_SHARE) {
            parts.add(pick(r, NeedCatalogue.GENERIC_PHRASES));
        }
        StringBuilder bio = shuffledJoin(r, parts, BIO_SEPARATORS, 0.4, true);
        appendTags(r, needs, bio, 0.3, 0.3);
        if (r.nextDouble() < 0.1) {
            bio.append(r.nextBoolean() ? " · " : "\n").append(AudienceText.url(r, handle));
        }
        return bio.toString();
    }

    /**
     * A post of one or two sentences, usually about its author's need, with tags and links now and
     * then; a few are stock one-liners ("Send help") that many people post.
     */
    static String post(SplittableRandom r, Needs needs) {
        if (r.nextDouble() < STOCK_POST_SHARE) {
            return capitalised(pick(r, NeedCatalogue.REACTIONS));
        }
        StringBuilder post = new StringBuilder(140);
        if (r.nextDouble() < 0.08) {
            post.append(mention(r)).append(' ');
        }
        boolean lowerCase = r.nextDouble() < 0.25;
        appendSentence(r, needs, post, r.nextDouble() < 0.75 ? THEME_SENTENCES : LIFE_SENTENCES, lowerCase);
        if (r.nextBoolean()) {
            post.append(pick(r, SENTENCE_BREAKS));
            appendSentence(r, needs, post, r.nextDouble() < 0.3 ? THEME_SENTENCES : LIFE_SENTENCES, lowerCase);
        }
        post.append(pick(r, POST_ENDINGS));
        appendTags(r, needs, post, 0.35, 0.25);
        if (r.nextDouble() < 0.1) {
            post.append(" https://t.co/").append(Integer.toString(r.nextInt(1 << 30), 36));
        }
        return post.toString();
    }

    /**
     * An {@code interests} row for a long-tail account: a person or creator (described by a bio of
     * any catalogue theme), a local business or a local group.
     */
    static String[] longTailInterest(SplittableRandom r, String id) {
        double kind = r.nextDouble();
        Needs anyTheme = Needs.only(r.nextInt(NeedCatalogue.THEMES.size()));
        if (kind < 0.4) {
            String name = pick(r, NeedCatalogue.PEOPLE_NAMES) + " " + pick(r, NeedCatalogue.LAST_NAMES);
            return new String[] {
                id,
                name,
                pick(r, NeedCatalogue.CREATOR_CATEGORIES),
                bio(r, anyTheme, name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "_"))
            };
        }
        if (kind < 0.75) {
            String owner = r.nextBoolean() ? pick(r, NeedCatalogue.LAST_NAMES) + "'s" : pick(r, NeedCatalogue.CITIES);
            String shop = pick(r, NeedCatalogue.SHOP_KINDS);
            return new String[] {
                id,
                owner + " " + shop,
                pick(r, NeedCatalogue.SHOP_CATEGORIES),
                describe(r, BUSINESS_DESCRIPTIONS, "{shop}", shop, anyTheme)
            };
        }
        String group = pick(r, NeedCatalogue.LOCAL_GROUPS);
        return new String[] {
            id,
            pick(r, NeedCatalogue.CITIES) + " " + group,
            pick(r, NeedCatalogue.GROUP_CATEGORIES),
            describe(r, GROUP_DESCRIPTIONS, "{group}", group, anyTheme)
        };
    }

    /** One of the templates, with {@code slot} standing for {@code kind} (lower-cased) and the other slots filled. */
    private static String describe(SplittableRandom r, List<String> templates, String slot, String kind, Needs needs) {
        return fill(pick(r, templates).replace(slot, kind.toLowerCase(Locale.ROOT)), r, needs);
    }

    private static void appendSentence(
            SplittableRandom r, Needs needs, StringBuilder out, List<String> templates, boolean lowerCase) {
        String sentence = fill(pick(r, templates), r, needs);
        out.append(lowerCase ? sentence.toLowerCase(Locale.ROOT) : capitalised(sentence));
    }

    /** Tags and emoji go last, where cutting them leaves no short fragment behind that would repeat. */
    private static void appendTags(SplittableRandom r, Needs needs, StringBuilder out, double needTag, double emoji) {
        if (r.nextDouble() < needTag) {
            out.append(' ').append(AudienceText.hashtag(themeWord(r, needs)));
        }
        if (r.nextDouble() < 0.1) {
            out.append(' ').append(pick(r, NeedCatalogue.LIFE_HASHTAGS));
        }
        if (r.nextDouble() < emoji) {
            out.append(' ').append(pick(r, NeedCatalogue.EMOJI));
        }
    }

    /** The template with every {@code {slot}} filled. */
    private static String fill(String template, SplittableRandom r, Needs needs) {
        StringBuilder out = new StringBuilder(template.length() + 60);
        int at = 0;
        for (int open = template.indexOf('{'); open >= 0; open = template.indexOf('{', at)) {
            int close = template.indexOf('}', open);
            out.append(template, at, open).append(slot(template.substring(open + 1, close), r, needs));
            at = close + 1;
        }
        return out.append(template, at, template.length()).toString();
    }

    private static String slot(String name, SplittableRandom r, Needs needs) {
        return switch (name) {
            case "theme" -> themeWord(r, needs);
            case "other" -> otherThemeWord(r, needs);
            case "adj" -> pick(r, NeedCatalogue.ADJECTIVES);
            case "time" -> pick(r, NeedCatalogue.TIMES);
            case "past" -> pick(r, NeedCatalogue.PAST_VERBS);
            case "verb" -> pick(r, NeedCatalogue.BASE_VERBS);
            case "place" -> r.nextInt(4) == 0 ? "in " + pick(r, NeedCatalogue.CITIES) : pick(r, NeedCatalogue.PLACES);
            case "people" -> r.nextInt(3) == 0 ? pick(r, NeedCatalogue.PEOPLE_NAMES) : pick(r, NeedCatalogue.PEOPLE);
            case "name" -> pick(r, NeedCatalogue.PEOPLE_NAMES);
            case "city" -> pick(r, NeedCatalogue.CITIES);
            case "thing" -> pick(r, NeedCatalogue.THINGS);
            case "life" -> pick(r, NeedCatalogue.LIFE_WORDS);
            case "reaction" -> pick(r, NeedCatalogue.REACTIONS);
            case "job" -> pick(r, NeedCatalogue.JOBS);
            case "fan" -> pick(r, NeedCatalogue.ENTHUSIASTS);
            case "kin" -> pick(r, NeedCatalogue.RELATIVES);
            case "children" -> pick(r, NeedCatalogue.CHILDREN);
            case "det" -> pick(r, NeedCatalogue.DETERMINERS);
            case "span" -> pick(r, NeedCatalogue.TIME_SPANS);
            case "day" -> pick(r, NeedCatalogue.WEEKDAYS);
            case "n" -> Integer.toString(2 + r.nextInt(11));
            case "num" -> Integer.toString(13 + r.nextInt(488));
            case "year" -> Integer.toString(1990 + r.nextInt(36));
            default -> throw new IllegalArgumentException("unknown template slot {" + name + "}");
        };
    }

    private static String themeWord(SplittableRandom r, Needs needs) {
        return pick(r, NeedCatalogue.THEMES.get(needs.themeOf(r)).vocabulary());
    }

    /** A word of any catalogue theme but the author's own need: the noise of real text. */
    private static String otherThemeWord(SplittableRandom r, Needs needs) {
        int theme = r.nextInt(NeedCatalogue.THEMES.size() - 1);
        return pick(
                r,
                NeedCatalogue.THEMES
                        .get(theme >= needs.primary() ? theme + 1 : theme)
                        .vocabulary());
    }

    private static String mention(SplittableRandom r) {
        return "@" + pick(r, NeedCatalogue.PEOPLE_NAMES).toLowerCase(Locale.ROOT) + r.nextInt(1000);
    }

    /**
     * {@code parts} (shuffled in place) joined by random separators: with probability
     * {@code lowerCaseShare} all in lower case, else as written with the first letter of every part
     * ({@code capitaliseEveryPart}) or of the text alone capitalised.
     */
    static StringBuilder shuffledJoin(
            SplittableRandom r,
            List<String> parts,
            List<String> separators,
            double lowerCaseShare,
            boolean capitaliseEveryPart) {
        for (int i = parts.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            parts.set(i, parts.set(j, parts.get(i)));
        }
        boolean lowerCase = r.nextDouble() < lowerCaseShare;
        StringBuilder text = new StringBuilder(120);
        for (String part : parts) {
            if (!text.isEmpty()) {
                text.append(pick(r, separators));
            }
            text.append(lowerCase ? part.toLowerCase(Locale.ROOT) : capitaliseEveryPart ? capitalised(part) : part);
        }
        if (!lowerCase && !text.isEmpty()) {
            text.setCharAt(0, Character.toUpperCase(text.charAt(0)));
        }
        return text;
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
