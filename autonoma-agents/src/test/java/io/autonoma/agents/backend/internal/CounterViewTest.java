package io.autonoma.agents.backend.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.architecture.DocsPack;
import io.autonoma.agents.frontend.NextJsPack;
import io.autonoma.agents.testkit.Packs;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.Relation;
import io.autonoma.core.spec.RelationKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The counter capability in the packs: a server-made field that starts at zero, atomic increments in the writes of
 * the rows that count, and visits of a short link. That the counts stay exact is proven by running the generated
 * tests/test_counters.py (ci/test-generated.sh); this test pins where they are wired in.
 */
class CounterViewTest {

    /** Links whose short link redirects; each visit is a Hit with a time, counted in Link.hits. */
    private static AppSpec links() {
        return AppSpec.builder("Links")
                .entity(new Entity("Link", List.of(Field.builder("destination", FieldType.URL).build(),
                        Field.builder("slug", FieldType.STRING).build(), Field.builder("hits", FieldType.INTEGER).build())))
                .entity(new Entity("Hit", List.of(Field.builder("seen_at", FieldType.DATETIME).build(),
                        Field.builder("note", FieldType.STRING).required(false).build())))
                .relation(new Relation("Hit", "Link", RelationKind.MANY_TO_ONE, "link", true))
                .capability(new Capability.ShortCode("Link", "slug", "destination"))
                .capability(new Capability.Counter("Link", "hits", "Hit", null))
                .build();
    }

    @Test
    void the_counter_is_server_made_and_the_rows_that_count_bump_it_in_their_transaction() {
        Map<String, String> files = Packs.backend(links());
        String schemas = files.get("backend/app/schemas/link.py");
        assertThat(schemas.substring(schemas.indexOf("class LinkCreate"), schemas.indexOf("class LinkRead"))).doesNotContain("hits");
        assertThat(files.get("backend/app/models/link.py")).contains("hits: Mapped[int] = mapped_column(Integer, nullable=False, default=0)");
        String hits = files.get("backend/app/routers/hit.py");
        assertThat(hits).contains("    await bump(session, Link, \"hits\", data.get(\"link_id\"), 1)",
                "    await move(session, Link, \"hits\", obj.link_id, data.get(\"link_id\", obj.link_id), 1, 1)",
                "    await bump(session, Link, \"hits\", obj.link_id, 1, sign=-1)");
        assertThat(hits.indexOf("await bump(session, Link, \"hits\", data.get")).isLessThan(hits.indexOf("await commit_or_409(session, _CONFLICT)"));
        assertThat(files.get("backend/app/counters.py")).contains("update(model).where(columns.id == row_id).values(increment)");
        assertThat(files.get("backend/tests/test_counters.py")).contains("async def test_link_hits_counts_hit_rows(",
                "async def test_link_hits_stays_exact_under_concurrent_writes(", "async def test_link_hits_counts_visits_of_the_short_link(");
    }

    @Test
    void a_visit_makes_a_row_that_counts_when_the_server_can_fill_it_in() {
        String router = Packs.backend(links()).get("backend/app/routers/short_links.py");
        assertThat(router).contains("    session.add(Hit(link_id=row_id, seen_at=datetime.now(UTC)))",
                "    await bump(session, Link, \"hits\", row_id, 1)", "    await cache.invalidate()");

        // a hit that needs text the visit does not have is not made, and the visit does not count
        AppSpec noted = links().toBuilder().build();
        AppSpec strict = new AppSpec(noted.name(), noted.description(), List.of(noted.entities().get(0), new Entity("Hit",
                List.of(Field.builder("seen_at", FieldType.DATETIME).build(), Field.builder("note", FieldType.STRING).build()))),
                noted.relations(), noted.capabilities(), noted.roles(), noted.pages(), noted.features(), noted.notes());
        String plain = Packs.backend(strict).get("backend/app/routers/short_links.py");
        assertThat(plain).doesNotContain("session.add(").doesNotContain("bump").contains("_, address = _found(");
        assertThat(Packs.backend(strict).get("backend/tests/test_counters.py")).doesNotContain("counts_visits");
    }

    @Test
    void the_frontend_and_browser_test_never_type_a_counter_and_see_it_rise() {
        Map<String, String> front = Packs.render(links(), new NextJsPack(), new DocsPack());
        assertThat(front.get("frontend/src/entities/link.ts")).containsPattern("name: \"hits\".*inForm: false");
        assertThat(front.get("frontend/e2e/crud.spec.mjs"))
                .contains("\"shortLink\": { \"target\": \"destination\", \"counter\": \"hits\", \"source\": \"/hits\" }");
        assertThat(front.get("docs/architecture.md")).contains("### Counters (`counter`)", "- Link.`hits` grows by one of each Hit");
    }
}
