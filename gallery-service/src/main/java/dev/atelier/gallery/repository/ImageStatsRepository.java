package dev.atelier.gallery.repository;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Figures over a user's live images, in one pass over their rows. */
@ApplicationScoped
public class ImageStatsRepository {

    /** The key under which images without a style or an emotion (uploads, say) are counted. */
    public static final String UNLABELLED = "none";

    /** Counts, favourites and bytes; per style and per emotion (images without one under {@link #UNLABELLED}). */
    public record Totals(long images, long favorites, long bytes, Map<String, Long> byStyle,
            Map<String, Long> byEmotion) {
    }

    // Grouping sets: the grand total and both breakdowns from one scan. The empty set always yields a row, so a
    // user without images still gets their zeros.
    private static final String SQL = """
            select grouping(style) as all_styles, grouping(emotion) as all_emotions, style, emotion,
                   count(*) as images, count(*) filter (where favorite) as favorites,
                   coalesce(sum(bytes), 0)::bigint as bytes
            from images
            where user_id = $1 and deleted_at is null
            group by grouping sets ((), (style), (emotion))
            """;

    private final Pool pool;

    public ImageStatsRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Totals> totals(UUID userId) {
        return pool.preparedQuery(SQL).execute(Tuple.of(userId)).map(rows -> {
            long images = 0;
            long favorites = 0;
            long bytes = 0;
            Map<String, Long> byStyle = new TreeMap<>();
            Map<String, Long> byEmotion = new TreeMap<>();
            for (Row row : rows) {
                boolean allStyles = row.getInteger("all_styles") == 1;
                boolean allEmotions = row.getInteger("all_emotions") == 1;
                long count = row.getLong("images");
                if (allStyles && allEmotions) {
                    images = count;
                    favorites = row.getLong("favorites");
                    bytes = row.getLong("bytes");
                } else if (!allStyles) {
                    byStyle.put(label(row.getString("style")), count);
                } else {
                    byEmotion.put(label(row.getString("emotion")), count);
                }
            }
            return new Totals(images, favorites, bytes, byStyle, byEmotion);
        });
    }

    private static String label(String value) {
        return value == null ? UNLABELLED : value;
    }
}
