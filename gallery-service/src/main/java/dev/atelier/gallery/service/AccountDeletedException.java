package dev.atelier.gallery.service;

import java.sql.SQLException;
import java.util.UUID;

import io.quarkus.security.AuthenticationException;
import io.vertx.pgclient.PgException;

/**
 * The caller's account was deleted ({@code user.deleted}) while their access token is still valid: every
 * authenticated route answers 401 "Account deleted", and nothing is stored for the account any more.
 */
public class AccountDeletedException extends SecurityException implements AuthenticationException {
    /**
     * The SQLSTATE with which the database refuses a row of a deleted account (migration V5), for a writer that
     * passed its own check a moment before the account was marked deleted.
     */
    public static final String SQL_STATE = "GD001";

    private static final long serialVersionUID = 1L;

    private final UUID userId;

    public AccountDeletedException(UUID userId) {
        super("account " + userId + " is deleted");
        this.userId = userId;
    }

    public UUID userId() {
        return userId;
    }

    /** Whether {@code failure} is (or was caused by) the database refusing a row of a deleted account. */
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
