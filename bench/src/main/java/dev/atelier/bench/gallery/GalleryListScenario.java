package dev.atelier.bench.gallery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atelier.bench.AtelierApi;
import dev.atelier.bench.BenchContext;
import dev.atelier.bench.JdbcPool;
import dev.atelier.bench.Options;
import dev.atelier.bench.Scenario;
import dev.atelier.bench.gallery.GallerySql.Keyset;
import dev.atelier.bench.load.LoadDriver;
import dev.atelier.bench.load.LoadDriver.Line;
import dev.atelier.bench.load.Measurement;
import dev.atelier.bench.report.ScenarioResult;
import dev.atelier.bench.report.Target;

/**
 * Issue 8 scenario 3: the gallery list of a user with 100k images among 1M, page 1 and a deep page by keyset,
 * through the gateway, next to the same keyset SQL through plain JDBC at the same rate, and the deep page by OFFSET
 * (closed loop) to show the benchmark sees what keyset saves. Before measuring, it checks that the API and the
 * controls return the same rows, so the controls price the same work.
 */
public final class GalleryListScenario implements Scenario {
    static final String IMAGES = "/api/v1/images";
    private static final String HEALTH = "/q/health/live";
    /** The largest page the API serves; used only to walk to the deep page in fewer requests. */
    private static final int WALK_LIMIT = 50;
    private static final double LIST_P99_GOAL_MS = 10;
    private static final double LIST_VS_SQL_GOAL = 2;
    private static final double DEEP_VS_FIRST_GOAL = 1.5;
    /** OFFSET at depth should be clearly slower than keyset; if not, the benchmark cannot see the difference. */
    private static final double OFFSET_VISIBLE = 3;

    @Override
    public String name() {
        return "gallery-list";
    }

    @Override
    public String description() {
        return "list page 1 and a deep page (keyset) via the API vs the same SQL over JDBC, and an OFFSET control";
    }

    @Override
    public void run(BenchContext context, ScenarioResult result) throws Exception {
        Options options = context.options();
        GalleryData data = context.dataset(GalleryData.class, GalleryData::seed);
        UUID user = data.userId();
        int size = Options.PAGE_SIZE;
        int deepPage = options.deepPage();
        long deepOffset = (long) (deepPage - 1) * size;
        result.setup("rows", data.rows()).setup("userRows", data.userRows()).setup("pageSize", size)
                .setup("deepPage", deepPage).setup("seedSeconds", Math.round(data.seedSeconds()));

        AtelierApi api = context.api();
        AtelierApi.Account account = api.fresh(data.account());
        JdbcPool sql = context.jdbcPool(GallerySql.DATABASE);

        // The position of the deep page, found the way a client finds it: by following nextCursor.
        long walkStarted = System.nanoTime();
        String cursor = walk(api, account, deepOffset);
        double walkSeconds = (System.nanoTime() - walkStarted) / 1e9;
        result.setup("cursorWalk", String.format(java.util.Locale.ROOT, "%d rows, %d requests of up to %d, %.1f s",
                deepOffset, (deepOffset + WALK_LIMIT - 1) / WALK_LIMIT, WALK_LIMIT, walkSeconds));
        Keyset position = sql.run(s -> GallerySql.readKeyset(GallerySql.position(
                s.prepare(GallerySql.POSITION), user, deepOffset - 1)));

        // Same rows from the API and from each control, or the ratios would compare different work.
        List<UUID> apiFirst = ids(api.get(IMAGES + "?limit=" + size, account));
        List<UUID> sqlFirst = sql.run(s -> GallerySql.readAll(GallerySql.firstPage(
                s.prepare(GallerySql.FIRST_PAGE), user, size)));
        String deepPath = IMAGES + "?limit=" + size + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
        List<UUID> apiDeep = ids(api.get(deepPath, account));
        List<UUID> sqlDeep = sql.run(s -> GallerySql.readAll(GallerySql.keysetPage(
                s.prepare(GallerySql.KEYSET_PAGE), user, position, size)));
        List<UUID> offsetDeep = sql.run(s -> GallerySql.readAll(GallerySql.offsetPage(
                s.prepare(GallerySql.OFFSET_PAGE), user, size, deepOffset)));
        if (apiFirst.size() != size || !apiFirst.equals(sqlFirst)) {
            throw new IllegalStateException("page 1: the API and the SQL control return different rows");
        }
        if (apiDeep.size() != size || !apiDeep.equals(sqlDeep) || !sqlDeep.equals(offsetDeep)) {
            throw new IllegalStateException("page " + deepPage + ": the API, keyset SQL and OFFSET SQL disagree");
        }
        result.note("the API and the SQL controls return the same " + size + " rows on page 1 and page " + deepPage);
        plans(sql, user, position, size, deepOffset).forEach(result::note);

        LoadDriver driver = context.driver();
        double rate = options.rate();
        String deep = "page " + deepPage;
        // The open-model lines alternate in slices, so the machine's noise falls on the API and its controls alike.
        List<Measurement> open = driver.constantRate(List.of(
                // The floor of one HTTP exchange with this client: the gateway's own health check, no proxy, no token.
                new Line("http floor (gateway /q/health/live)", api.getCall(HEALTH, null)),
                new Line("api page 1", api.getCall(IMAGES + "?limit=" + size, account)),
                new Line("sql page 1 (keyset, JDBC)", sql.call(s -> GallerySql.readAll(GallerySql.firstPage(
                        s.prepare(GallerySql.FIRST_PAGE), user, size)))),
                new Line("api " + deep + " (cursor)", api.getCall(deepPath, account)),
                new Line("sql " + deep + " (keyset, JDBC)", sql.call(s -> GallerySql.readAll(GallerySql.keysetPage(
                        s.prepare(GallerySql.KEYSET_PAGE), user, position, size))))),
                rate, options.duration(), options.warmup(), options.rounds());
        open.forEach(result::add);
        Measurement httpFloor = open.get(0);
        Measurement apiPage1 = open.get(1);
        Measurement sqlPage1 = open.get(2);
        Measurement apiDeepPage = open.get(3);
        Measurement sqlDeepPage = open.get(4);
        // Closed loop: OFFSET at depth costs far more than the rate allows; one at a time shows its service time.
        List<Measurement> closed = driver.sequential(List.of(
                new Line("sql " + deep + " (OFFSET " + deepOffset + ", one at a time)", sql.call(
                        s -> GallerySql.readAll(GallerySql.offsetPage(s.prepare(GallerySql.OFFSET_PAGE), user, size,
                                deepOffset)))),
                new Line("sql " + deep + " (keyset, one at a time)", sql.call(s -> GallerySql.readAll(
                        GallerySql.keysetPage(s.prepare(GallerySql.KEYSET_PAGE), user, position, size))))),
                options.duration(), options.warmup(), options.rounds());
        closed.forEach(result::add);
        Measurement offsetDeepPage = closed.get(0);
        Measurement keysetDeepSequential = closed.get(1);

        result.ratio("api page 1 / http floor", apiPage1, httpFloor);
        result.ratio("api / sql, page 1", apiPage1, sqlPage1);
        result.ratio("api / sql, " + deep, apiDeepPage, sqlDeepPage);
        result.ratio("api " + deep + " / api page 1", apiDeepPage, apiPage1);
        result.ratio("sql OFFSET / keyset, " + deep + " (sequential)", offsetDeepPage, keysetDeepSequential);

        result.target(Target.atMost("list p99 ≤ 10 ms, page 1", apiPage1.p99Ms(), LIST_P99_GOAL_MS, " ms"));
        result.target(Target.atMost("list p99 ≤ 10 ms, " + deep, apiDeepPage.p99Ms(), LIST_P99_GOAL_MS, " ms"));
        result.target(Target.atMost("list p99 ≤ 2× raw SQL, page 1", p99Ratio(result, "api / sql, page 1"),
                LIST_VS_SQL_GOAL, "×"));
        result.target(Target.atMost("list p99 ≤ 2× raw SQL, " + deep, p99Ratio(result, "api / sql, " + deep),
                LIST_VS_SQL_GOAL, "×"));
        result.target(Target.atMost(deep + " p99 ≤ 1.5× page 1 (api)",
                p99Ratio(result, "api " + deep + " / api page 1"), DEEP_VS_FIRST_GOAL, "×"));
        result.target(Target.atLeast("check: OFFSET p50 ≥ 3× keyset, " + deep,
                offsetDeepPage.p50Ms() / keysetDeepSequential.p50Ms(), OFFSET_VISIBLE, "×"));
    }

    /** Follows nextCursor from the first page until {@code rows} rows are behind; returns the cursor there. */
    private static String walk(AtelierApi api, AtelierApi.Account account, long rows) throws Exception {
        String cursor = null;
        long behind = 0;
        while (behind < rows) {
            int limit = (int) Math.min(WALK_LIMIT, rows - behind);
            String path = IMAGES + "?limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = api.get(path, account);
            int items = page.path("items").size();
            if (items != limit || page.path("nextCursor").isNull()) {
                throw new IllegalStateException("the list ended after " + (behind + items) + " rows");
            }
            behind += items;
            cursor = page.path("nextCursor").asText();
        }
        return cursor;
    }

    static List<UUID> ids(JsonNode page) {
        List<UUID> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(UUID.fromString(item.path("id").asText())));
        return ids;
    }

    private static double p99Ratio(ScenarioResult result, String name) {
        return result.ratio(name, "p99").map(r -> r.value()).orElse(Double.NaN);
    }

    /** The plan of each control, one line each: a control on the wrong plan would make every ratio wrong. */
    private static List<String> plans(JdbcPool sql, UUID user, Keyset position, int size, long offset)
            throws SQLException {
        return sql.run(s -> {
            List<String> plans = new ArrayList<>();
            plans.add("plan, page 1: " + plan(GallerySql.firstPage(
                    s.prepare("explain (analyze, costs off) " + GallerySql.FIRST_PAGE), user, size).executeQuery()));
            plans.add("plan, deep keyset: " + plan(GallerySql.keysetPage(
                    s.prepare("explain (analyze, costs off) " + GallerySql.KEYSET_PAGE), user, position, size)
                    .executeQuery()));
            plans.add("plan, deep OFFSET: " + plan(GallerySql.offsetPage(
                    s.prepare("explain (analyze, costs off) " + GallerySql.OFFSET_PAGE), user, size, offset)
                    .executeQuery()));
            return plans;
        });
    }

    /** The plan's node lines and its execution time, on one line. */
    static String plan(ResultSet rows) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (rows) {
            while (rows.next()) {
                String line = rows.getString(1).strip();
                if (line.startsWith("->")) {
                    line = line.substring(2).strip();
                }
                if (line.startsWith("Planning") || line.startsWith("Buffers") || line.startsWith("Rows Removed")) {
                    continue;
                }
                lines.add(line.replaceAll(" \\(actual [^)]*\\)", ""));
            }
        }
        return String.join(" | ", lines);
    }
}
