package dev.atelier.gallery.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.gallery.domain.Image;
import dev.atelier.gallery.domain.ImageFilter;
import dev.atelier.gallery.domain.ImageSearch;
import dev.atelier.gallery.domain.ListCursor;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The gallery list with its filters, as one SQL statement built from the filters that are present. Plain SQL on
 * the reactive client rather than HQL: pg_trgm's operators have no HQL form, and relevance order needs the score
 * PostgreSQL computed for the cursor.
 * <p>
 * The statement keeps the shapes the indexes of V1/V2 serve (every one leads with {@code user_id} and covers live
 * rows): {@code user_id = $1 and deleted_at is null} always; {@code $q <% name}/{@code $q <% prompt} (PostgreSQL
 * commutes them to {@code name %> $q}, an operator of {@code gin_trgm_ops}) and {@code ilike} for text;
 * {@code tags @> $t} for tags; the keyset as a row comparison matching {@code (user_id, created_at desc, id desc)}.
 */
@ApplicationScoped
public class ImageSearchRepository {

    /** An image of a page and, in relevance order, its similarity to the search text. */
    public record Found(Image image, Float score) {
    }

    /** SQL and its parameters; public so tests can EXPLAIN exactly what runs. */
    public record Statement(String sql, Tuple parameters) {
    }

    private static final String COLUMNS = "id, name, prompt, style, emotion, tags, favorite, width, height, bytes, "
            + "format, storage_keys, created_at";

    private final Pool pool;

    public ImageSearchRepository(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code rows} of the user's live images that match, in the search's order, from its start position. */
    public Uni<List<Found>> search(UUID userId, ImageSearch search, int rows) {
        Statement statement = statement(userId, search, rows);
        return pool.preparedQuery(statement.sql()).execute(statement.parameters()).map(result -> {
            List<Found> found = new ArrayList<>(result.size());
            for (Row row : result) {
                found.add(new Found(image(userId, row), row.getFloat("score")));
            }
            return found;
        });
    }

    public Statement statement(UUID userId, ImageSearch search, int rows) {
        Parameters parameters = new Parameters();
        ImageFilter filter = search.filter();
        StringBuilder where = new StringBuilder("user_id = ").append(parameters.add(userId))
                .append(" and deleted_at is null");
        String score = "null::real";
        if (filter.hasText()) {
            String text = parameters.add(filter.text()) + "::text";
            where.append(" and (").append(text).append(" <% name or ").append(text).append(" <% prompt)");
            score = "greatest(word_similarity(" + text + ", name), word_similarity(" + text + ", prompt))";
        }
        if (filter.name() != null) {
            where.append(" and ").append(similarOrContains("name", filter.name(), parameters));
        }
        if (filter.prompt() != null) {
            where.append(" and ").append(similarOrContains("prompt", filter.prompt(), parameters));
        }
        if (filter.style() != null) {
            where.append(" and style = ").append(parameters.add(filter.style()));
        }
        if (filter.emotion() != null) {
            where.append(" and emotion = ").append(parameters.add(filter.emotion()));
        }
        if (!filter.tags().isEmpty()) {
            where.append(" and tags @> ").append(parameters.add(filter.tags().toArray(String[]::new)))
                    .append("::text[]");
        }
        if (filter.job() != null) {
            where.append(" and job_id = ").append(parameters.add(filter.job()));
        }
        if (filter.favorite() != null) {
            where.append(" and favorite = ").append(parameters.add(filter.favorite()));
        }
        if (filter.from() != null) {
            where.append(" and created_at >= ").append(parameters.add(timestamp(filter.from())));
        }
        if (filter.until() != null) {
            where.append(" and created_at < ").append(parameters.add(timestamp(filter.until())));
        }
        ListCursor after = search.after();
        String orderBy = switch (search.order()) {
            case NEWEST -> {
                if (after != null) {
                    where.append(" and (created_at, id) < (").append(position(after, parameters)).append(')');
                }
                yield "created_at desc, id desc";
            }
            case OLDEST -> {
                if (after != null) {
                    where.append(" and (created_at, id) > (").append(position(after, parameters)).append(')');
                }
                yield "created_at asc, id asc";
            }
            case RELEVANCE -> {
                if (after != null) {
                    where.append(" and (").append(score).append(", created_at, id) < (")
                            .append(parameters.add(after.score())).append("::real, ")
                            .append(position(after, parameters)).append(')');
                }
                yield "score desc, created_at desc, id desc";
            }
        };
        StringBuilder sql = new StringBuilder("select ").append(COLUMNS).append(", ").append(score)
                .append(" as score from images where ").append(where)
                .append(" order by ").append(orderBy)
                .append(" limit ").append(parameters.add(rows));
        if (search.offset() > 0) {
            sql.append(" offset ").append(parameters.add(search.offset()));
        }
        return new Statement(sql.toString(), parameters.tuple());
    }

    /**
     * A substring ({@code ilike}, the value's wildcards escaped) or a fuzzy word match on one column; both are
     * answered by that column's trigram index.
     */
    private static String similarOrContains(String column, String value, Parameters parameters) {
        String pattern = parameters.add("%" + escapeLike(value) + "%");
        String text = parameters.add(value) + "::text";
        return "(" + column + " ilike " + pattern + " or " + text + " <% " + column + ")";
    }

    static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String position(ListCursor after, Parameters parameters) {
        return parameters.add(timestamp(after.createdAt())) + ", " + parameters.add(after.id());
    }

    private static Object timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Image image(UUID userId, Row row) {
        Image image = new Image();
        image.id = row.getUUID("id");
        image.userId = userId;
        image.name = row.getString("name");
        image.prompt = row.getString("prompt");
        image.style = row.getString("style");
        image.emotion = row.getString("emotion");
        image.tags = row.getArrayOfStrings("tags");
        image.favorite = row.getBoolean("favorite");
        image.width = row.getInteger("width");
        image.height = row.getInteger("height");
        image.bytes = row.getLong("bytes");
        image.format = row.getString("format");
        image.storageKeys = keys(row.getJsonObject("storage_keys"));
        image.createdAt = row.getOffsetDateTime("created_at").toInstant();
        return image;
    }

    private static Map<String, String> keys(JsonObject json) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (json != null) {
            json.forEach(entry -> {
                if (entry.getValue() instanceof String key) {
                    keys.put(entry.getKey(), key);
                }
            });
        }
        return keys;
    }

    /** Positional parameters: {@code add} returns the placeholder of the value. */
    private static final class Parameters {
        private final List<Object> values = new ArrayList<>();

        String add(Object value) {
            values.add(value);
            return "$" + values.size();
        }

        Tuple tuple() {
            return Tuple.from(values);
        }
    }
}
