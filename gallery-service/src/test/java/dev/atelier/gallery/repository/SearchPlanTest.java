package dev.atelier.gallery.repository;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.atelier.gallery.domain.ImageFilter;
import dev.atelier.gallery.domain.ImageSearch;
import dev.atelier.gallery.domain.ListOrder;
import dev.atelier.gallery.repository.ImageSearchRepository.Statement;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.logging.Log;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The statements the list runs are shaped so PostgreSQL can answer them from the user-scoped indexes of V2: with a
 * few thousand rows per user, where a table scan or a walk of the caller's whole gallery would be the
 * alternative, the plan uses the trigram and tag indexes, which only touch the caller's entries
 * (notes/perf-floor.md). The plans are in the test log.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchPlanTest {
    private static final int ROWS_PER_USER = 3_000;
    private static final int RARE_ROWS = 8;

    @Inject
    ImageSearchRepository repository;

    @Inject
    Pool pool;

    private final UUID caller = UUID.randomUUID();

    @BeforeAll
    void aLargeGalleryBesideOthers() {
        seed(caller, true);
        seed(UUID.randomUUID(), false);
        seed(UUID.randomUUID(), false);
        pool.query("analyze images").execute().await().indefinitely();
    }

    /** "lighthose" is common in other galleries: only the true cost of word_similarity (V2) keeps the index. */
    @Test
    void fuzzySearchUsesBothTrigramIndexes() {
        String plan = explain(new ImageFilter("lighthose", null, null, null, null, List.of(), null, null, null),
                ListOrder.RELEVANCE);

        assertTrue(plan.contains("images_user_prompt_trgm"), plan);
        assertTrue(plan.contains("images_user_name_trgm"), plan);
        assertFalse(plan.contains("Seq Scan"), plan);
    }

    @Test
    void nameFilterUsesTheNameTrigramIndex() {
        String plan = explain(new ImageFilter(null, "zanzibar", null, null, null, List.of(), null, null, null),
                ListOrder.NEWEST);

        assertTrue(plan.contains("images_user_name_trgm"), plan);
    }

    @Test
    void promptFilterUsesThePromptTrigramIndex() {
        String plan = explain(new ImageFilter(null, null, "keeper", null, null, List.of(), null, null, null),
                ListOrder.OLDEST);

        assertTrue(plan.contains("images_user_prompt_trgm"), plan);
    }

    @Test
    void tagFilterUsesTheTagIndex() {
        String plan = explain(new ImageFilter(null, null, null, null, null, List.of("keepsake"), null, null, null),
                ListOrder.NEWEST);

        assertTrue(plan.contains("images_user_tags"), plan);
    }

    @Test
    void plainListWalksTheNewestIndex() {
        String plan = explain(ImageFilter.NONE, ListOrder.NEWEST);

        assertTrue(plan.contains("images_user_live_newest"), plan);
        assertFalse(plan.contains("Sort"), "the index gives the order: " + plan);
    }

    private String explain(ImageFilter filter, ListOrder order) {
        Statement statement = repository.statement(caller, new ImageSearch(filter, order, 20, null, 0), 21);
        String plan = StreamSupport.stream(pool.preparedQuery("explain (analyze, costs off) " + statement.sql())
                .execute(statement.parameters()).await().indefinitely().spliterator(), false)
                .map(row -> row.getString(0)).reduce("", (all, line) -> all + line + "\n");
        Log.infof("plan of %s%n%s%n%s", filter, statement.sql(), plan);
        return plan;
    }

    /**
     * Prompts and names from word lists. In the caller's gallery a handful of rows are about a lighthouse keeper,
     * are named after Zanzibar and carry the tag "keepsake"; in the other galleries a third of the prompts are
     * about a lighthouse, so PostgreSQL's table-wide statistics call the word common.
     */
    private void seed(UUID userId, boolean caller) {
        pool.preparedQuery("""
                with words as (
                  select array['harbour','forest','mountain','river','desert','castle','city','garden','ocean',
                               'sunset','dawn','moon','fox','owl','whale','dragon','robot','violin','bridge','train',
                               'meadow','glacier','volcano','temple','market','library','tower','canyon','island',
                               'lantern','cathedral','waterfall','village','balloon','orchard','comet','nebula']
                           as nouns,
                         array['misty','golden','ancient','quiet','neon','frozen','burning','hidden','lonely','vivid',
                               'dark','gentle','wild','silver','crimson','floating','sleeping','broken'] as adjectives)
                insert into images (id, user_id, name, prompt, style, emotion, tags, source, created_at)
                select gen_random_uuid(), $1,
                       case when $3 and n <= $4 then 'Zanzibar ' || nouns[1 + n % 37]
                            else initcap(adjectives[1 + n % 18] || ' ' || nouns[1 + (n * 7) % 37]) end,
                       case when $3 and n <= $4 then 'a lighthouse keeper in a storm near ' || nouns[1 + n % 37]
                            when not $3 and n % 3 = 0 then 'a lighthouse near a ' || nouns[1 + n % 37]
                            else 'a ' || adjectives[1 + (n * 3) % 18] || ' ' || nouns[1 + (n * 11) % 37]
                                 || ' near a ' || adjectives[1 + (n * 5) % 18] || ' ' || nouns[1 + (n * 13) % 37] end,
                       'artistic', 'calm',
                       case when $3 and n <= $4 then array['keepsake'] else array['travel'] end,
                       'generated', now() - n * interval '1 minute'
                from words, generate_series(1, $2) as n
                """).execute(Tuple.of(userId, ROWS_PER_USER, caller, RARE_ROWS)).await().indefinitely();
    }
}
