package dev.atelier.bench.gallery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.atelier.bench.AtelierApi;
import dev.atelier.bench.BenchContext;
import dev.atelier.bench.Options;

/**
 * The gallery data set: {@code --rows} images (1M by default) in the gallery database, {@code --user-rows} of them
 * (100k) for one user who signed up through the API (so a real token exists), the rest spread over other users at
 * about 100 images each. Rows are interleaved in time as real uploads are, so one user's page is spread over many
 * heap pages; prompts are assembled from word lists; names, styles, emotions, tags, sizes, favourites and a few
 * trashed images vary as in a real library. Seeded with set-based SQL straight into the database, then vacuumed and
 * analysed as autovacuum would have done on a long-lived table.
 */
public record GalleryData(AtelierApi.Account account, long rows, long userRows, double seedSeconds) {
    private static final long BATCH = 100_000;
    /** Other users get about this many images each. */
    private static final long IMAGES_PER_OTHER_USER = 100;
    /** Seconds between consecutive images of the whole table (plus up to a minute of jitter): 1M ≈ two years. */
    private static final int SECONDS_APART = 63;
    private static final double SEED = 0.4242;

    private static final String INSERT = """
            with w as (
                select ?::text[] adj, ?::text[] subj, ?::text[] place, ?::text[] tod, ?::text[] light,
                       ?::text[] medium, ?::text[] title, ?::text[] tag, ?::text[] style, ?::text[] emotion
            ), r as (
                select g, gen_random_uuid() as id,
                       case when g % ? = 0 then ?::uuid else md5('bench-other-' || (g % ?))::uuid end as user_id,
                       ?::timestamptz - (? - g) * interval '1 second' * ? - random() * interval '60 seconds'
                           as created_at,
                       w.adj[1 + floor(random() * cardinality(w.adj))::int] as a1,
                       w.adj[1 + floor(random() * cardinality(w.adj))::int] as a2,
                       w.subj[1 + floor(random() * cardinality(w.subj))::int] as s1,
                       w.subj[1 + floor(random() * cardinality(w.subj))::int] as s2,
                       w.place[1 + floor(random() * cardinality(w.place))::int] as place,
                       w.tod[1 + floor(random() * cardinality(w.tod))::int] as tod,
                       w.light[1 + floor(random() * cardinality(w.light))::int] as light,
                       w.medium[1 + floor(random() * cardinality(w.medium))::int] as medium,
                       case when random() < 0.25 then w.title[1 + floor(random() * cardinality(w.title))::int]
                           end as title,
                       array[w.tag[1 + floor(random() * cardinality(w.tag))::int],
                             w.tag[1 + floor(random() * cardinality(w.tag))::int],
                             w.tag[1 + floor(random() * cardinality(w.tag))::int]] as tags3,
                       floor(random() * 4)::int as ntags,
                       w.style[1 + floor(random() * cardinality(w.style))::int] as style,
                       w.emotion[1 + floor(random() * cardinality(w.emotion))::int] as emotion,
                       floor(random() * 5)::int as template,
                       floor(random() * 4)::int as size,
                       random() as u
                from generate_series(?::bigint, ?::bigint) g, w
            ), p as (
                select r.*, case when a1 ~ '^[aeiou]' then 'an ' else 'a ' end as article from r
            ), q as (
                select p.*,
                       case template
                           when 0 then article || a1 || ' ' || s1 || ' ' || place || ' at ' || tod || ', ' || medium
                           when 1 then medium || ' of ' || article || a1 || ' ' || s1 || ' ' || place || ', ' || light
                           when 2 then s1 || ' ' || place || ', ' || a1 || ' mood, ' || tod || ', ' || light
                           when 3 then 'portrait of ' || article || a1 || ' ' || s1 || ', ' || light || ', ' || medium
                           else a1 || ' ' || s1 || ' and ' || a2 || ' ' || s2 || ' ' || place || ', ' || medium
                       end as prompt
                from p
            ), n as (
                select q.*, array_to_string((string_to_array(replace(prompt, ',', ''), ' '))[1:5], ' ') as words
                from q
            )
            insert into images (id, user_id, job_id, name, prompt, style, emotion, tags, favorite, metadata, source,
                                format, width, height, bytes, storage_keys, content_hash, created_at, updated_at,
                                deleted_at)
            select id, user_id,
                   case when u < 0.95 then gen_random_uuid() end,
                   case when title is not null then title || ' ' || (1 + g % 40)
                        else upper(left(words, 1)) || substr(words, 2) end,
                   prompt, style, emotion,
                   array(select distinct t from unnest(tags3[1:ntags]) t order by t),
                   random() < 0.05,
                   jsonb_build_object('seed', floor(u * 4e9)::bigint, 'steps', 20 + g % 30),
                   case when u < 0.95 then 'generated' else 'uploaded' end,
                   'png',
                   (array[1024, 1024, 1536, 512])[size + 1],
                   (array[1024, 1536, 1024, 512])[size + 1],
                   (120000 + random() * 2400000)::bigint,
                   jsonb_build_object(
                       'original', 'users/' || user_id || '/images/' || id || '/original.png',
                       'medium', 'users/' || user_id || '/images/' || id || '/medium.png',
                       'thumb', 'users/' || user_id || '/images/' || id || '/thumb.png'),
                   md5(id::text),
                   created_at, created_at,
                   case when user_id <> ?::uuid and random() < 0.01 then created_at + interval '3 days' end
            from n
            """;

    /** Signs a user up through the API and seeds the table around them. */
    public static GalleryData seed(BenchContext context) throws Exception {
        Options options = context.options();
        AtelierApi.Account account = context.api().signUp("Bench");
        context.log("signed up bench user %s", account.userId());
        long every = options.rows() / options.userRows();
        long others = Math.max(1, (options.rows() - options.userRows()) / IMAGES_PER_OTHER_USER);
        OffsetDateTime newest = OffsetDateTime.now(ZoneOffset.UTC);
        long started = System.nanoTime();
        try (Connection connection = context.connect(GallerySql.DATABASE)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("select setseed(" + SEED + ")");
                statement.execute("set synchronous_commit = off");
            }
            // A bulk load, as an operator would do it: the service's GIN indexes (fastupdate off, so each insert
            // pays for them) are dropped and rebuilt once afterwards from their own definitions.
            List<String> ginIndexes = dropGinIndexes(connection);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                int i = 1;
                for (List<String> words : List.of(Words.ADJECTIVES, Words.SUBJECTS, Words.SETTINGS, Words.TIMES,
                        Words.LIGHTS, Words.MEDIUMS, Words.TITLES, Words.TAGS, Words.STYLES, Words.EMOTIONS)) {
                    insert.setArray(i++, connection.createArrayOf("text", words.toArray()));
                }
                insert.setLong(i++, every);
                insert.setObject(i++, account.userId());
                insert.setLong(i++, others);
                insert.setObject(i++, newest);
                insert.setLong(i++, options.rows());
                insert.setInt(i++, SECONDS_APART);
                int from = i++;
                int to = i++;
                insert.setObject(i, account.userId());
                for (long low = 1; low <= options.rows(); low += BATCH) {
                    long high = Math.min(options.rows(), low + BATCH - 1);
                    insert.setLong(from, low);
                    insert.setLong(to, high);
                    insert.executeUpdate();
                    context.log("seeded %,d / %,d images (%.0f s)", high, options.rows(),
                            (System.nanoTime() - started) / 1e9);
                }
            }
            long indexing = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                statement.execute("set maintenance_work_mem = '256MB'");
                for (String definition : ginIndexes) {
                    statement.execute(definition);
                }
            }
            if (!ginIndexes.isEmpty()) {
                context.log("rebuilt %d GIN indexes of the service in %.0f s", ginIndexes.size(),
                        (System.nanoTime() - indexing) / 1e9);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("vacuum (analyze) images");
            }
            long live = count(connection, account.userId());
            if (live != options.userRows()) {
                throw new IllegalStateException("expected " + options.userRows() + " live images of the bench user, "
                        + "found " + live);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        context.log("seeded, vacuumed and analysed in %.0f s", seconds);
        return new GalleryData(account, options.rows(), options.userRows(), seconds);
    }

    private static long count(Connection connection, UUID user) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select count(*) from images where user_id = ? and deleted_at is null")) {
            statement.setObject(1, user);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    public UUID userId() {
        return account.userId();
    }

    /** Drops the GIN indexes of {@code images} and returns their definitions, to be run again after seeding. */
    private static List<String> dropGinIndexes(Connection connection) throws java.sql.SQLException {
        List<String> definitions = new java.util.ArrayList<>();
        List<String> names = new java.util.ArrayList<>();
        try (Statement statement = connection.createStatement();
                java.sql.ResultSet rows = statement.executeQuery("select indexname, indexdef from pg_indexes "
                        + "where tablename = 'images' and indexdef like '%USING gin%'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
                definitions.add(rows.getString(2));
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String name : names) {
                statement.execute("drop index " + name);
            }
        }
        return definitions;
    }
}
