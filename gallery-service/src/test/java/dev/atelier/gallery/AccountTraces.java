package dev.atelier.gallery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * Where a user (or anything of theirs) still appears in the gallery database, found from the catalogue rather than
 * from a list of tables, so a table added later is checked without changing the tests.
 */
@ApplicationScoped
public class AccountTraces {
    /** Keeps the user id on purpose: the tombstone that refuses the account's tokens and late events. */
    public static final String TOMBSTONE_TABLE = "deleted_users";
    private static final String MIGRATIONS_TABLE = "flyway_schema_history";

    private final AgroalDataSource db;

    public AccountTraces(AgroalDataSource db) {
        this.db = db;
    }

    /** Every table of the gallery's schema (the migrations' own bookkeeping aside). */
    public List<String> tables() {
        return strings("""
                select table_name from information_schema.tables
                where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> ?
                order by table_name
                """, MIGRATIONS_TABLE);
    }

    /** Every table with a {@code user_id} column. */
    public List<String> tablesKeyedByUser() {
        return strings("""
                select table_name from information_schema.columns
                where table_schema = current_schema() and column_name = 'user_id'
                  and table_name in (select table_name from information_schema.tables
                                     where table_schema = current_schema() and table_type = 'BASE TABLE')
                order by table_name
                """);
    }

    /** Table → rows whose {@code user_id} is the user's, for every table keyed by user. */
    public Map<String, Long> rowsKeyedBy(UUID userId) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : tablesKeyedByUser()) {
            rows.put(table, count("select count(*) from " + quote(table) + " where user_id = ?", userId));
        }
        return rows;
    }

    /**
     * Table → rows that mention any of {@code ids} anywhere: in any column, inside JSON (payloads, storage keys
     * {@code users/{userId}/…}) or as text (outbox keys). Covers tables that reach the user only through another
     * table's id, such as shares through images.
     */
    public Map<String, Long> rowsMentioning(Collection<UUID> ids) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : tables()) {
            long total = 0;
            for (UUID id : ids) {
                total += count("select count(*) from " + quote(table) + " t where t::text like ?",
                        "%" + id + "%");
            }
            rows.put(table, total);
        }
        return rows;
    }

    /**
     * Child table → rows whose foreign key points at one of {@code parentIds}, for every foreign key of the schema
     * that references {@code parentTable} (shares → images, and any added later).
     */
    public Map<String, Long> rowsReferencing(String parentTable, Collection<UUID> parentIds) {
        List<String[]> keys = new ArrayList<>();
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        select child.relname, attribute.attname
                        from pg_constraint c
                        join pg_class child on child.oid = c.conrelid
                        join pg_class parent on parent.oid = c.confrelid
                        join pg_namespace ns on ns.oid = child.relnamespace
                        join pg_attribute attribute on attribute.attrelid = c.conrelid
                                                   and attribute.attnum = c.conkey[1]
                        where c.contype = 'f' and parent.relname = ? and ns.nspname = current_schema()
                          and array_length(c.conkey, 1) = 1
                        order by child.relname
                        """)) {
            statement.setString(1, parentTable);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    keys.add(new String[] { result.getString(1), result.getString(2) });
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String[] key : keys) {
            rows.put(key[0] + "." + key[1], count("select count(*) from " + quote(key[0]) + " where "
                    + quote(key[1]) + " = any(?)", (Object) parentIds.toArray(UUID[]::new)));
        }
        return rows;
    }

    public long count(String sql, Object... args) {
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof UUID[] array) {
                    statement.setArray(i + 1, connection.createArrayOf("uuid", array));
                } else {
                    statement.setObject(i + 1, args[i]);
                }
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> strings(String sql, Object... args) {
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
