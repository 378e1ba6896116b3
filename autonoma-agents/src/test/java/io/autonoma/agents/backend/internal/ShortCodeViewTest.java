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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The short_code capability in the packs: the server makes the code (out of the request schemas, the form and
 * the generic tests), the column is unique, and a target url gives a public redirect. That the rules hold is
 * proven by running the generated tests/test_short_codes.py and the browser test (ci/test-generated.sh).
 */
class ShortCodeViewTest {

    private static AppSpec links(String target) {
        return AppSpec.builder("Links")
                .entity(new Entity("Link", List.of(Field.builder("destination", FieldType.URL).build(),
                        Field.builder("slug", FieldType.STRING).build())))
                .capability(new Capability.ShortCode("Link", "slug", target))
                .build();
    }

    @Test
    void the_code_is_read_only_unique_and_made_on_create() {
        Map<String, String> files = Packs.backend(links("destination"));
        String schemas = files.get("backend/app/schemas/link.py");
        assertThat(schemas.substring(schemas.indexOf("class LinkCreate"), schemas.indexOf("class LinkRead")))
                .doesNotContain("slug");
        assertThat(schemas.substring(schemas.indexOf("class LinkRead"))).contains("    slug: str");
        assertThat(files.get("backend/app/models/link.py")).contains("slug: Mapped[str] = mapped_column(String(255), nullable=False, unique=True)");
        assertThat(files.get("backend/app/routers/link.py")).contains("    data[\"slug\"] = await unused_code(session, Link.slug)");
        assertThat(files.get("backend/tests/resources.py")).doesNotContain("\"slug\"");
        assertThat(files.get("backend/tests/test_short_codes.py")).contains("async def test_link_codes_are_made_by_the_server(",
                "async def test_link_short_link_redirects_without_signing_in(");
        assertThat(files.get("backend/app/routers/short_links.py")).contains("\"/r/links/{code}\"", "include_in_schema=False",
                "query = select(Link.id, Link.destination).where(Link.slug == code)", "_, address = _found(");
        assertThat(files.get("backend/app/main.py")).contains("app.include_router(short_links.router)");
    }

    @Test
    void the_frontend_shows_the_code_and_link_and_never_asks_for_them() {
        Map<String, String> front = Packs.render(links("destination"), new NextJsPack(), new DocsPack());
        assertThat(front.get("frontend/src/entities/link.ts")).contains("  shortLink: { path: \"/r/links\", field: \"slug\" },")
                .containsPattern("name: \"slug\".*inForm: false");
        assertThat(front.get("frontend/src/lib/api.ts")).contains("  slug?: string;");
        String e2e = front.get("frontend/e2e/crud.spec.mjs");
        assertThat(e2e).contains("\"shortLink\": { \"target\": \"destination\" }").doesNotContain("\"name\": \"slug\"");
        assertThat(front.get("docs/architecture.md")).contains("### Short codes and short links (`short_code`)",
                "`GET /r/links/<code>` redirects to its `destination`");
    }

    @Test
    void without_a_target_there_is_no_redirect_and_without_the_capability_nothing_of_it() {
        Map<String, String> codesOnly = Packs.render(links(null), new io.autonoma.agents.backend.FastApiPack(), new NextJsPack());
        assertThat(codesOnly).containsKey("backend/app/short_codes.py").doesNotContainKey("backend/app/routers/short_links.py");
        assertThat(codesOnly.get("backend/app/main.py")).doesNotContain("short_links");
        assertThat(codesOnly.get("frontend/src/entities/link.ts")).contains("  shortLink: null,");

        AppSpec plain = AppSpec.builder("Links").entity(new Entity("Link", List.of(Field.builder("slug", FieldType.STRING).build())))
                .build();
        Map<String, String> none = Packs.backend(plain);
        assertThat(none).doesNotContainKeys("backend/app/short_codes.py", "backend/app/routers/short_links.py",
                "backend/tests/test_short_codes.py");
        assertThat(none.get("backend/app/schemas/link.py")).contains("class LinkCreate(BaseModel):\n    slug:");
    }
}
