package io.needmap.pipeline.ingest;

import java.util.List;

/**
 * The five input tables of the input contract, with the columns each must carry.
 *
 * <p>Column names are the contract's; extra columns in an export are ignored and order does not
 * matter. Only {@link #keyColumns()} must be non-empty for a row to be usable.
 */
public enum Table {
    ACCOUNTS(
            "accounts",
            true,
            List.of(
                    "account_id",
                    "handle",
                    "display_name",
                    "bio",
                    "location",
                    "language",
                    "followers_count",
                    "following_count",
                    "posts_count",
                    "created_at",
                    "verified"),
            List.of("account_id")),
    FOLLOWS("follows", true, List.of("account_id", "followed_id"), List.of("account_id", "followed_id")),
    INTERESTS("interests", false, List.of("followed_id", "name", "category", "description"), List.of("followed_id")),
    POSTS(
            "posts",
            false,
            List.of("post_id", "account_id", "created_at", "text", "likes", "replies", "shares"),
            List.of("account_id")),
    /** The brand's own products, services, content series and channels: what the wall's ideation matches. */
    ASSETS("assets", false, List.of("asset_id", "name", "kind", "description", "followed_id"), List.of("asset_id"));

    private final String fileName;
    private final boolean required;
    private final List<String> columns;
    private final List<String> keyColumns;

    Table(String fileName, boolean required, List<String> columns, List<String> keyColumns) {
        this.fileName = fileName;
        this.required = required;
        this.columns = columns;
        this.keyColumns = keyColumns;
    }

    /** Base name of the file or folder holding the table, without extension. */
    public String fileName() {
        return fileName;
    }

    public boolean required() {
        return required;
    }

    public List<String> columns() {
        return columns;
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    /** The position of {@code column} among {@link #columns()}: where writers of the contract's layout put it. */
    public int column(String column) {
        int at = columns.indexOf(column);
        if (at < 0) {
            throw new IllegalArgumentException(fileName + " has no column " + column);
        }
        return at;
    }
}
