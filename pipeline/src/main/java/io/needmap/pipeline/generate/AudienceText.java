package io.needmap.pipeline.generate;

import static io.needmap.pipeline.generate.Draws.pick;

import io.needmap.pipeline.generate.GeneratorOptions.TextStyle;
import io.needmap.pipeline.generate.NeedCatalogue.NeedTheme;
import io.needmap.pipeline.ingest.Table;
import io.needmap.pipeline.topics.TermExtractor;
import io.needmap.pipeline.topics.TopicOptions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The audience's words: account rows with their bios, posts, and the long tail's {@code interests}
 * rows, in the generator's text style ({@code TEMPLATED}, {@link RealisticText}, {@link SynonymBios}),
 * and the counts {@code truth/summary.csv} reports of them (empty bios; posts, post and bio
 * fragments, distinct or not, cut as the topics stage cuts them).
 *
 * <p>Weakness: themes have disjoint vocabularies, so a theme word points to exactly one need, and
 * posts are always English.
 */
final class AudienceText {
    static final double EMOJI_ONLY_BIO_SHARE = 0.01;
    static final double URL_ONLY_BIO_SHARE = 0.01;
    /** Positions in an {@code accounts} row, which follows the contract's column order. */
    static final int HANDLE = Table.ACCOUNTS.column("handle");

    static final int BIO = Table.ACCOUNTS.column("bio");
    static final int LANGUAGE = Table.ACCOUNTS.column("language");
    /** Positions in a {@code posts} row. */
    static final int POST_ACCOUNT_ID = Table.POSTS.column("account_id");

    static final int POST_TEXT = Table.POSTS.column("text");
    static final int LIKES = Table.POSTS.column("likes");

    private static final long FIRST_ACCOUNT_DAY = LocalDate.of(2008, 1, 1).toEpochDay();
    private static final int ACCOUNT_DAYS = (int) (LocalDate.of(2026, 1, 1).toEpochDay() - FIRST_ACCOUNT_DAY);
    private static final long FIRST_POST_DAY = LocalDate.of(2024, 1, 1).toEpochDay();
    private static final int POST_SECONDS = (int) ((LocalDate.of(2026, 1, 1).toEpochDay() - FIRST_POST_DAY) * 86_400);
    /** Cuts texts into fragments as the topics stage does; never truncates (generated texts are short). */
    private static final TermExtractor FRAGMENTS =
            new TermExtractor(new TopicOptions(true, false, 1, Integer.MAX_VALUE, 1, 1, Set.of(), 0));

    private final GeneratorOptions options;
    private final String[][] hashtags;
    private final double emptyBioBelow;
    private final double emojiBioBelow;
    private final double urlBioBelow;
    private final double foreignBioBelow;
    private final DistinctTexts posts = new DistinctTexts();
    private final DistinctTexts postFragments = new DistinctTexts();
    private final DistinctTexts bioFragments = new DistinctTexts();
    private long postsDrawn;
    private long emptyBios;

    AudienceText(GeneratorOptions options) {
        this.options = options;
        hashtags = new String[options.segments()][];
        for (int s = 0; s < hashtags.length; s++) {
            hashtags[s] = NeedCatalogue.THEMES.get(s).vocabulary().stream()
                    .map(AudienceText::hashtag)
                    .toArray(String[]::new);
        }
        emptyBioBelow = options.emptyBioShare();
        emojiBioBelow = emptyBioBelow + EMOJI_ONLY_BIO_SHARE;
        urlBioBelow = emojiBioBelow + URL_ONLY_BIO_SHARE;
        foreignBioBelow = urlBioBelow + options.foreignBioShare();
    }

    /** One of need {@code theme}'s hashtags. */
    String themeHashtag(SplittableRandom r, int theme) {
        return pick(r, hashtags[theme]);
    }

    long emptyBios() {
        return emptyBios;
    }

    /** Adds the posts and the post and bio fragments counted so far, all and distinct, to {@code planted}. */
    void putTextCounts(Map<String, Long> planted) {
        planted.put("posts", posts.count());
        planted.put("distinct_posts", posts.distinct());
        planted.put("post_fragments", postFragments.count());
        planted.put("distinct_post_fragments", postFragments.distinct());
        planted.put("bio_fragments", bioFragments.count());
        planted.put("distinct_bio_fragments", bioFragments.distinct());
    }

    String[] accountRow(SplittableRandom r, String id, Needs needs, int following) {
        NeedTheme theme = NeedCatalogue.THEMES.get(needs.primary());
        String first = pick(r, NeedCatalogue.FIRST_NAMES);
        String word = pick(r, theme.vocabulary());
        String handle = first.toLowerCase() + "_" + word.replace(' ', '_').replace("-", "") + r.nextInt(100);
        String last = pick(r, NeedCatalogue.LAST_NAMES);
        double nameStyle = r.nextDouble();
        String displayName = nameStyle < 0.05
                ? first + " " + last + ", PhD"
                : nameStyle < 0.15 ? first + " " + pick(r, NeedCatalogue.EMOJI) : first + " " + last;
        String language = r.nextDouble() < 0.03 ? "" : "en";
        String bio;
        double kind = r.nextDouble();
        if (kind < emptyBioBelow) {
            bio = "";
        } else if (kind < emojiBioBelow) {
            bio = pick(r, NeedCatalogue.EMOJI) + pick(r, NeedCatalogue.EMOJI) + pick(r, NeedCatalogue.EMOJI);
        } else if (kind < urlBioBelow) {
            bio = url(r, handle);
        } else if (kind < foreignBioBelow) {
            int lang = r.nextInt(NeedCatalogue.FOREIGN_LANGUAGES.size());
            language = NeedCatalogue.FOREIGN_LANGUAGES.get(lang);
            List<String> phrases = NeedCatalogue.FOREIGN_PHRASES.get(lang);
            bio = pick(r, phrases) + " · " + pick(r, phrases)
                    + (r.nextBoolean() ? " " + themeHashtag(r, needs.themeOf(r)) : "");
        } else {
            bio = switch (options.text()) {
                case TEMPLATED -> englishBio(r, needs.themeOf(r), handle);
                case REALISTIC -> RealisticText.bio(r, needs, handle);
                case SYNONYMS -> SynonymBios.bio(r, needs);
            };
        }
        double city = r.nextDouble();
        List<String> cities = NeedCatalogue.CITIES;
        String location =
                city < 0.10 ? "" : city < 0.30 ? cities.get(needs.primary() * 7 % cities.size()) : pick(r, cities);
        boolean verified = r.nextDouble() < 0.02;
        long followers = (long) Math.exp(1.6 * r.nextGaussian() + 5.3) * (verified ? 50 : 1);
        long followingCount = following + (long) Math.exp(0.8 * r.nextGaussian() + 4);
        long posts = (long) Math.exp(1.3 * r.nextGaussian() + 5);
        String created = LocalDate.ofEpochDay(FIRST_ACCOUNT_DAY + r.nextInt(ACCOUNT_DAYS))
                .toString();
        return new String[] {
            id,
            handle,
            displayName,
            bio,
            location,
            language,
            Long.toString(followers),
            Long.toString(followingCount),
            Long.toString(posts),
            created,
            verified ? "true" : "false"
        };
    }

    /** A templated English bio on one theme. */
    private String englishBio(SplittableRandom r, int theme, String handle) {
        List<String> words = NeedCatalogue.THEMES.get(theme).vocabulary();
        List<String> parts = new ArrayList<>(8);
        int first = r.nextInt(words.size());
        String lead = switch (r.nextInt(4)) {
            case 0 -> "Into ";
            case 1 -> "Obsessed with ";
            case 2 -> "All about ";
            default -> "";
        };
        // offsets 1-5 and 6-10 keep the three words distinct in a vocabulary of a dozen
        parts.add(lead + words.get(first) + ", " + words.get((first + 1 + r.nextInt(5)) % words.size()) + " & "
                + words.get((first + 6 + r.nextInt(5)) % words.size()));
        for (int g = r.nextInt(3); g > 0; g--) {
            parts.add(pick(r, NeedCatalogue.GENERIC_PHRASES));
        }
        if (r.nextDouble() < 0.25) {
            parts.add("\"" + pick(r, NeedCatalogue.MOTTOS) + "\"");
        }
        StringBuilder tags = new StringBuilder();
        if (r.nextDouble() < 0.7) {
            tags.append(themeHashtag(r, theme));
        }
        if (r.nextDouble() < 0.1) {
            tags.append(tags.length() > 0 ? " " : "").append(pick(r, NeedCatalogue.GENERIC_HASHTAGS));
        }
        if (r.nextDouble() < 0.3) {
            tags.append(tags.length() > 0 ? " " : "").append(pick(r, NeedCatalogue.EMOJI));
        }
        if (tags.length() > 0) {
            parts.add(tags.toString());
        }
        if (r.nextDouble() < 0.1) {
            parts.add("proud member of @" + pick(r, NeedCatalogue.FIRST_NAMES).toLowerCase() + r.nextInt(1000));
        }
        if (r.nextDouble() < 0.15) {
            parts.add(url(r, handle));
        }
        String separator = switch (r.nextInt(8)) {
            case 0 -> "\n";
            case 1, 2 -> " · ";
            case 3, 4 -> ". ";
            default -> " | ";
        };
        return String.join(separator, parts);
    }

    String[] postRow(SplittableRandom r, String accountId, Needs needs) {
        return postRow(
                r,
                accountId,
                options.text() == TextStyle.TEMPLATED
                        ? templatedPost(r, needs.themeOf(r))
                        : RealisticText.post(r, needs));
    }

    String[] postRow(SplittableRandom r, String accountId, String text) {
        long likes = Math.max(0, (long) Math.exp(1.2 * r.nextGaussian() + 1.5) - 1);
        long replies = r.nextLong(likes / 5 + 2);
        long shares = r.nextLong(likes / 3 + 1);
        postsDrawn++;
        return new String[] {
            "p" + postsDrawn,
            accountId,
            timestamp(r),
            text,
            Long.toString(likes),
            Long.toString(replies),
            Long.toString(shares)
        };
    }

    private String templatedPost(SplittableRandom r, int theme) {
        List<String> words = NeedCatalogue.THEMES.get(theme).vocabulary();
        StringBuilder text = new StringBuilder(120)
                .append(pick(r, NeedCatalogue.POST_OPENERS))
                .append(' ')
                .append(pick(r, words))
                .append(r.nextBoolean() ? " and " : ", then ")
                .append(pick(r, words));
        if (r.nextDouble() < 0.3) {
            text.append(' ').append(pick(r, NeedCatalogue.EMOJI));
        }
        text.append(r.nextDouble() < 0.1 ? '\n' : ' ').append(themeHashtag(r, theme));
        if (r.nextDouble() < 0.15) {
            text.append(" https://t.co/").append(Integer.toString(r.nextInt(1 << 30), 36));
        }
        if (r.nextDouble() < 0.15) {
            text.append(" @")
                    .append(pick(r, NeedCatalogue.FIRST_NAMES).toLowerCase())
                    .append(r.nextInt(1000));
        }
        if (r.nextDouble() < 0.5) {
            text.append(' ').append(pick(r, NeedCatalogue.POST_CLOSERS));
        }
        return text.toString();
    }

    void countBio(String bio, String language) {
        if (bio.isEmpty()) {
            emptyBios++;
        }
        FRAGMENTS.fragmentsForCoreNlp(bio, language).forEach(bioFragments::add);
    }

    void countPost(String text) {
        posts.add(text);
        FRAGMENTS.fragmentsForCoreNlp(text, null).forEach(postFragments::add);
    }

    /** An {@code interests} row for a long-tail account, in the text style of the audience. */
    String[] longTailInterest(SplittableRandom r, String id) {
        if (options.text() != TextStyle.TEMPLATED) {
            return RealisticText.longTailInterest(r, id);
        }
        return new String[] {
            id,
            pick(r, NeedCatalogue.FIRST_NAMES) + " " + pick(r, NeedCatalogue.LAST_NAMES),
            r.nextBoolean() ? "Personal" : "",
            pick(r, NeedCatalogue.GENERIC_PHRASES)
        };
    }

    private static String timestamp(SplittableRandom r) {
        int second = r.nextInt(POST_SECONDS);
        int inDay = second % 86_400;
        StringBuilder out = new StringBuilder(20)
                .append(LocalDate.ofEpochDay(FIRST_POST_DAY + second / 86_400))
                .append('T');
        twoDigits(out, inDay / 3600).append(':');
        twoDigits(out, inDay / 60 % 60).append(':');
        return twoDigits(out, inDay % 60).append('Z').toString();
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    static String url(SplittableRandom r, String handle) {
        return r.nextBoolean() ? "https://linktr.ee/" + handle : "https://" + handle.replace('_', '-') + ".example.com";
    }

    static String hashtag(String term) {
        StringBuilder tag = new StringBuilder("#");
        for (String part : term.split("[^\\p{L}\\p{N}]+")) {
            if (!part.isEmpty()) {
                tag.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
            }
        }
        return tag.toString();
    }

    static String titleCase(String term) {
        return hashtag(term).substring(1).replaceAll("(?<=\\p{Ll})(?=\\p{Lu})", " ");
    }
}
