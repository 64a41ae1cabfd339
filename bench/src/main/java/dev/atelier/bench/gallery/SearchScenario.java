package dev.atelier.bench.gallery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.atelier.bench.AtelierApi;
import dev.atelier.bench.BenchContext;
import dev.atelier.bench.JdbcPool;
import dev.atelier.bench.Options;
import dev.atelier.bench.Scenario;
import dev.atelier.bench.load.LoadDriver.Line;
import dev.atelier.bench.load.Measurement;
import dev.atelier.bench.report.ScenarioResult;
import dev.atelier.bench.report.Target;

/**
 * Issue 8 scenario 4: fuzzy search ({@code GET /api/v1/images?q=}) over the bench user's 100k images, with typos
 * and partial words as people type them, next to the raw pg_trgm SQL at the same rate. Written against the contract
 * (DESIGN.md §2, issue 6); when the service ignores {@code q} the figures are those of the plain list and the goal
 * is reported as not applicable.
 */
public final class SearchScenario implements Scenario {
    /** What people type: misspelt, partial, out of order. Every intended word occurs in the seeded prompts. */
    static final List<String> QUERIES = List.of(
            "lighthose",
            "misty forst",
            "portrait of an old fisheman",
            "neon citty in the rain",
            "watercolour fox",
            "steam trian mountians");
    private static final double SEARCH_P99_GOAL_MS = 30;

    @Override
    public String name() {
        return "search";
    }

    @Override
    public String description() {
        return "fuzzy q with typos over one user's images via the API vs the raw pg_trgm SQL";
    }

    @Override
    public void run(BenchContext context, ScenarioResult result) throws Exception {
        Options options = context.options();
        GalleryData data = context.dataset(GalleryData.class, GalleryData::seed);
        UUID user = data.userId();
        int size = Options.PAGE_SIZE;
        result.setup("rows", data.rows()).setup("userRows", data.userRows()).setup("queries", QUERIES.size());
        result.setup("trigramIndexes", ensureTrigramIndexes(context));

        AtelierApi api = context.api();
        AtelierApi.Account account = api.fresh(data.account());
        JdbcPool sql = context.jdbcPool(GallerySql.DATABASE);

        List<UUID> unfiltered = GalleryListScenario.ids(api.get(GalleryListScenario.IMAGES + "?limit=" + size,
                account));
        List<String> paths = new ArrayList<>();
        boolean honoured = false;
        for (String q : QUERIES) {
            String path = GalleryListScenario.IMAGES + "?limit=" + size + "&q=" + URLEncoder.encode(q,
                    StandardCharsets.UTF_8);
            paths.add(path);
            List<UUID> apiIds = GalleryListScenario.ids(api.get(path, account));
            List<UUID> sqlIds = sql.run(s -> GallerySql.readAll(GallerySql.search(s.prepare(GallerySql.SEARCH), user,
                    q, size)));
            long matches = sql.run(s -> GallerySql.readCount(GallerySql.searchCount(
                    s.prepare(GallerySql.SEARCH_COUNT), user, q)));
            String plan = sql.run(s -> GalleryListScenario.plan(GallerySql.search(
                    s.prepare("explain (analyze, costs off) " + GallerySql.SEARCH), user, q, size).executeQuery()));
            honoured |= !apiIds.equals(unfiltered);
            result.note(String.format(Locale.ROOT, "'%s': %,d of the user's rows match in SQL; API top %d shares %d "
                    + "with the SQL top %d; SQL %s", q, matches, apiIds.size(), overlap(apiIds, sqlIds),
                    sqlIds.size(), executionTime(plan)));
        }
        if (!honoured) {
            result.note("the service ignores q: every search answered the unfiltered newest page, so the api line "
                    + "measures the plain list (search is being built on another branch)");
        }
        result.setup("qHonoured", honoured);
        String firstPlan = sql.run(s -> GalleryListScenario.plan(GallerySql.search(
                s.prepare("explain (analyze, costs off) " + GallerySql.SEARCH), user, QUERIES.get(0), size)
                .executeQuery()));
        result.note("plan, SQL search '" + QUERIES.get(0) + "': " + firstPlan);

        double rate = options.searchRate();
        AtomicLong next = new AtomicLong();
        List<Measurement> lines = context.driver().constantRate(List.of(
                new Line("api search (q, round robin)", api.getCall(paths, account)),
                new Line("sql search (pg_trgm, JDBC)", sql.call(s -> GallerySql.readAll(GallerySql.search(
                        s.prepare(GallerySql.SEARCH), user, QUERIES.get((int) (next.getAndIncrement()
                                % QUERIES.size())), size))))),
                rate, options.duration(), options.warmup(), options.rounds());
        lines.forEach(result::add);
        Measurement apiSearch = lines.get(0);
        Measurement sqlSearch = lines.get(1);
        // One at a time: the floor's service time, without the queueing a rate above its capacity would add.
        AtomicLong nextAlone = new AtomicLong();
        result.add(context.driver().sequential("sql search (pg_trgm, one at a time)", sql.call(s -> GallerySql.readAll(
                GallerySql.search(s.prepare(GallerySql.SEARCH), user, QUERIES.get((int) (nextAlone.getAndIncrement()
                        % QUERIES.size())), size))), options.duration(), options.warmup()));
        if (honoured) {
            result.ratio("api / sql, search", apiSearch, sqlSearch);
        }

        if (honoured) {
            result.target(Target.atMost("search p99 ≤ 30 ms (api)", apiSearch.p99Ms(), SEARCH_P99_GOAL_MS, " ms"));
        } else {
            result.target(Target.notApplicable("search p99 ≤ 30 ms (api)", "q is ignored by this build"));
        }
        result.target(Target.atMost("floor: raw trigram SQL p99 ≤ 30 ms (goal reachable)", sqlSearch.p99Ms(),
                SEARCH_P99_GOAL_MS, " ms"));
    }

    /**
     * The trigram indexes the search needs. When the service's migrations have none yet (search is being built
     * elsewhere), the bench creates the index DESIGN.md §4 describes, so the control measures the floor the
     * feature will have; the result says which case it was.
     */
    private static String ensureTrigramIndexes(BenchContext context) throws SQLException {
        try (Connection connection = context.connect(GallerySql.DATABASE);
                Statement statement = connection.createStatement()) {
            List<String> existing = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("select indexname from pg_indexes where tablename = 'images' "
                    + "and indexdef like '%gin_trgm_ops%' order by indexname")) {
                while (rows.next()) {
                    existing.add(rows.getString(1));
                }
            }
            if (!existing.isEmpty()) {
                return "the service's: " + String.join(", ", existing);
            }
            long started = System.nanoTime();
            context.log("the gallery schema has no trigram index yet: creating the one DESIGN.md §4 describes ...");
            statement.execute("create extension if not exists pg_trgm");
            statement.execute("create extension if not exists btree_gin");
            statement.execute("set maintenance_work_mem = '256MB'");
            statement.execute("create index bench_images_user_prompt_trgm on images "
                    + "using gin (user_id, prompt gin_trgm_ops) where deleted_at is null");
            statement.execute("create index bench_images_user_name_trgm on images "
                    + "using gin (user_id, name gin_trgm_ops) where deleted_at is null");
            statement.execute("analyze images");
            double seconds = (System.nanoTime() - started) / 1e9;
            context.log("trigram indexes built in %.0f s", seconds);
            return String.format(Locale.ROOT, "created by the bench (service has none): GIN (user_id, prompt "
                    + "gin_trgm_ops) and (user_id, name gin_trgm_ops) where deleted_at is null, %.0f s", seconds);
        }
    }

    private static int overlap(List<UUID> a, List<UUID> b) {
        Set<UUID> common = new HashSet<>(a);
        common.retainAll(b);
        return common.size();
    }

    private static String executionTime(String plan) {
        int at = plan.indexOf("Execution Time");
        return at < 0 ? "" : plan.substring(at).toLowerCase(Locale.ROOT);
    }
}
