package dev.atelier.bench.gallery;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The controls' SQL: what gallery-service asks PostgreSQL for a page, written by hand. It selects every column of
 * the row (the service loads whole entities) and the controls read every column of every row, so a ratio API/SQL
 * prices exactly what the service adds: HTTP, the gateway hop, the token check, mapping and JSON.
 */
final class GallerySql {
    static final String DATABASE = "gallery";

    private static final String COLUMNS = "id, user_id, job_id, name, prompt, style, emotion, tags, favorite, "
            + "metadata, source, format, width, height, bytes, storage_keys, content_hash, created_at, updated_at, "
            + "deleted_at";

    /** Page 1, newest first: the index {@code (user_id, created_at desc, id desc) where deleted_at is null}. */
    static final String FIRST_PAGE = "select " + COLUMNS + " from images where user_id = ? and deleted_at is null "
            + "order by created_at desc, id desc limit ?";

    /** A later page by keyset: the rows after the last one of the previous page. */
    static final String KEYSET_PAGE = "select " + COLUMNS + " from images where user_id = ? and deleted_at is null "
            + "and (created_at, id) < (?, ?) order by created_at desc, id desc limit ?";

    /** The same page by OFFSET: the control that shows what keyset saves at depth. */
    static final String OFFSET_PAGE = "select " + COLUMNS + " from images where user_id = ? and deleted_at is null "
            + "order by created_at desc, id desc limit ? offset ?";

    /**
     * Fuzzy search as the gallery issue describes it: pg_trgm word similarity over prompt and name, only the
     * caller's live rows, best match first. Parameters: q, q, user, q, q, limit.
     */
    static final String SEARCH = "select " + COLUMNS + ", greatest(word_similarity(?, prompt), "
            + "word_similarity(?, name)) as score from images where user_id = ? and deleted_at is null "
            + "and (? <% prompt or ? <% name) order by score desc, created_at desc, id desc limit ?";

    static final String SEARCH_COUNT = "select count(*) from images where user_id = ? and deleted_at is null "
            + "and (? <% prompt or ? <% name)";

    /** The row just before page {@code n}: where its keyset starts. */
    static final String POSITION = "select created_at, id from images where user_id = ? and deleted_at is null "
            + "order by created_at desc, id desc limit 1 offset ?";

    /** A page position: the last row of the previous page. */
    record Keyset(OffsetDateTime createdAt, UUID id) {
    }

    private GallerySql() {
    }

    static PreparedStatement firstPage(PreparedStatement statement, UUID user, int limit) throws SQLException {
        statement.setObject(1, user);
        statement.setInt(2, limit);
        return statement;
    }

    static PreparedStatement keysetPage(PreparedStatement statement, UUID user, Keyset after, int limit)
            throws SQLException {
        statement.setObject(1, user);
        statement.setObject(2, after.createdAt());
        statement.setObject(3, after.id());
        statement.setInt(4, limit);
        return statement;
    }

    static PreparedStatement offsetPage(PreparedStatement statement, UUID user, int limit, long offset)
            throws SQLException {
        statement.setObject(1, user);
        statement.setInt(2, limit);
        statement.setLong(3, offset);
        return statement;
    }

    static PreparedStatement search(PreparedStatement statement, UUID user, String q, int limit) throws SQLException {
        statement.setString(1, q);
        statement.setString(2, q);
        statement.setObject(3, user);
        statement.setString(4, q);
        statement.setString(5, q);
        statement.setInt(6, limit);
        return statement;
    }

    static PreparedStatement searchCount(PreparedStatement statement, UUID user, String q) throws SQLException {
        statement.setObject(1, user);
        statement.setString(2, q);
        statement.setString(3, q);
        return statement;
    }

    static PreparedStatement position(PreparedStatement statement, UUID user, long offset) throws SQLException {
        statement.setObject(1, user);
        statement.setLong(2, offset);
        return statement;
    }

    /** Runs the query and reads every column of every row, as a client that uses the rows would; returns the ids. */
    static List<UUID> readAll(PreparedStatement statement) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
                for (int column = 2; column <= columns; column++) {
                    rows.getObject(column);
                }
            }
        }
        return ids;
    }

    static Keyset readKeyset(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                throw new IllegalStateException("no row at that position");
            }
            return new Keyset(rows.getObject(1, OffsetDateTime.class), rows.getObject(2, UUID.class));
        }
    }

    static long readCount(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
