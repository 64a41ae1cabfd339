package dev.atelier.auth.rest;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads rows straight from the service's PostgreSQL database, to assert what was (not) stored. */
@ApplicationScoped
class Database {
    private final Pool pool;

    Database(Pool pool) {
        this.pool = pool;
    }

    long usersWithEmail(String email) {
        return query("select count(*) from users where lower(email) = lower($1)", email).iterator().next()
                .getLong(0);
    }

    Row user(String email) {
        RowSet<Row> rows = query("select * from users where email = $1", email);
        return rows.iterator().next();
    }

    RowSet<Row> query(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely();
    }
}
