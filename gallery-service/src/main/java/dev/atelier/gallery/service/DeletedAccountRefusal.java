package dev.atelier.gallery.service;

import java.sql.SQLException;

import dev.atelier.security.AccountDeletedException;
import io.vertx.pgclient.PgException;

/**
 * The database refusing a row of a deleted account (migration V5's triggers, SQLSTATE {@value #SQL_STATE}), for a
 * writer that passed its own check a moment before the account was marked deleted.
 */
public final class DeletedAccountRefusal {
    public static final String SQL_STATE = "GD001";

    private DeletedAccountRefusal() {
    }

    /** Whether {@code failure} is (or was caused by) a deleted account's refusal. */
    public static boolean isRefusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // Hibernate Reactive reports the server's error as a java.sql.SQLException; the client as a PgException.
            if (cause instanceof AccountDeletedException
                    || cause instanceof SQLException sql && SQL_STATE.equals(sql.getSQLState())
                    || cause instanceof PgException pg && SQL_STATE.equals(pg.getSqlState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
