package io.autonoma.agents.backend;

import io.autonoma.agents.testkit.Packs;
import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.backend.internal.BackendView;
import io.autonoma.agents.naming.Naming;
import io.autonoma.agents.testkit.TestContext;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Unit checks of the generated text for HTTP caching, the read cache and the filter indexes. The
 * behaviour itself is proven by the generated app's own tests (tests/test_http_cache.py,
 * tests/test_read_cache.py, tests/test_migrations.py) that ci/check-backend.sh runs.
 */
class BackendPerformanceTest {
        /** A commit call (its arguments may span lines, without nested parentheses beyond one level). */
    private static final Pattern COMMIT = Pattern.compile("await commit_or_409\\((?:[^()]|\\([^()]*\\))*\\)\\n");

    static List<String> specs() {
        return BackendTemplatesTest.specs().toList();
    }

    @Test
    void enum_and_boolean_filter_columns_are_indexed_in_the_models_and_the_migration() {
        Map<String, String> files = Packs.backend(TestContext.exampleSpec());
        assertThat(files.get("backend/app/models/product.py"))
                .contains("is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, index=True, default=True)")
                .doesNotContainPattern("sku: .*index=True");
        assertThat(files.get("backend/app/models/purchase_order.py"))
                .contains("status: Mapped[str] = mapped_column(String(32), nullable=False, index=True, default=\"draft\")");
        assertThat(migration(files))
                .contains("op.create_index(\"ix_products_is_active\", \"products\", [\"is_active\"])")
                .contains("op.create_index(\"ix_purchase_orders_status\", \"purchase_orders\", [\"status\"])")
                .doesNotContain("ix_products_price", "ix_products_created_at");
        assertThat(BackendView.filterIndexCount(TestContext.exampleSpec())).isEqualTo(2);
    }

    @Test
    void a_unique_filter_column_keeps_its_unique_constraint_and_gets_no_second_index() {
        AppSpec spec = AppSpec.builder("Shop")
                .entity(new Entity("Coupon", null, List.of(
                        Field.builder("code", FieldType.STRING).build(),
                        Field.builder("tier", FieldType.ENUM).enumValues(List.of("gold", "silver")).unique(true).build(),
                        Field.builder("used", FieldType.BOOLEAN).build())))
                .build();
        Map<String, String> files = Packs.backend(spec);
        assertThat(files.get("backend/app/models/coupon.py"))
                .contains("tier: Mapped[str] = mapped_column(String(32), nullable=False, unique=True)")
                .contains("used: Mapped[bool] = mapped_column(Boolean, nullable=False, index=True)");
        assertThat(migration(files))
                .contains("sa.UniqueConstraint(\"tier\", name=\"uq_coupons_tier\")")
                .contains("op.create_index(\"ix_coupons_used\", \"coupons\", [\"used\"])")
                .doesNotContain("ix_coupons_tier");
        assertThat(BackendView.filterIndexCount(spec)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("specs")
    void every_committed_write_invalidates_the_read_cache_and_both_reads_use_it(String name) {
        AppSpec spec = BackendTemplatesTest.spec(name);
        Map<String, String> files = Packs.backend(spec);
        for (Entity e : spec.entities()) {
            String router = files.get("backend/app/routers/" + Naming.snake(e.name()) + ".py");
            Matcher commits = COMMIT.matcher(router);
            int count = 0;
            while (commits.find()) {
                count++;
                assertThat(router.substring(commits.end())).as(e.name() + " write #" + count)
                        .startsWith("    await cache.invalidate()\n");
            }
            assertThat(count).as(e.name() + ": create, update and delete commit").isEqualTo(3);
            assertThat(occurrences(router, "cached = await cache.lookup(request)")).isEqualTo(2);
            assertThat(occurrences(router, "await cache.store(cached, body)")).isEqualTo(2);
            assertThat(occurrences(router, "return json_response(request, cached.body)")).isEqualTo(2);
            // The user comes first: authentication gives its session slot back before the endpoint's
            // database dependency takes one (tests/test_db.py). List and get take a plain connection
            // only after a read-cache miss; create and update for any user, delete for admins, use
            // the session.
            assertThat(occurrences(router, "    _user: CurrentUser,\n    cache: ReadCacheDep,\n")).isEqualTo(2);
            assertThat(occurrences(router, "    async with read_connection(request) as connection:\n")).isEqualTo(2);
            assertThat(router.indexOf("async with read_connection(request)"))
                    .isGreaterThan(router.indexOf("return json_response(request, cached.body)"));
            // (named `user` where create and update fill in or check a required reference to a user)
            assertThat(occurrences(router, "user: CurrentUser,\n    session: DbSession,\n    cache: ReadCacheDep,\n"))
                    .isEqualTo(2);
            assertThat(occurrences(router, "    _admin: AdminUser,\n    session: DbSession,\n    cache: ReadCacheDep,\n"))
                    .isEqualTo(1);
        }
    }

    @Test
    void redis_is_pinned_and_the_cache_settings_have_defaults() {
        Map<String, String> files = Packs.backend(TestContext.exampleSpec());
        assertThat(files.get("backend/requirements.txt")).contains("\nredis==8.1.0\n")
                .contains("\nasync-timeout==5.0.1; python_full_version < \"3.11.3\"\n");
        assertThat(files.get("backend/app/config.py"))
                .contains("    redis_url: str | None = None\n")
                .contains("    cache_ttl_seconds: int = Field(default=30, ge=1, le=86_400)\n")
                .contains("    cache_namespace: str = \"inventory\"\n");
        assertThat(files).containsKeys("backend/app/read_cache.py", "backend/app/http_cache.py",
                "backend/tests/test_read_cache.py", "backend/tests/test_http_cache.py");
    }

    @Test
    void the_cache_namespace_is_the_kebab_app_name() {
        assertThat(BackendView.cacheNamespace("Inventory")).isEqualTo("inventory");
        assertThat(BackendView.cacheNamespace("Stress test_App-1")).isEqualTo(Naming.kebab("Stress test_App-1"))
                .matches("[a-z0-9-]+");
    }

    private static String migration(Map<String, String> files) {
        return files.entrySet().stream().filter(f -> f.getKey().endsWith("_initial_schema.py")).findFirst().orElseThrow()
                .getValue();
    }

    private static int occurrences(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
