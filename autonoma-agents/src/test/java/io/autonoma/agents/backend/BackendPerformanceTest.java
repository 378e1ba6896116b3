package io.autonoma.agents.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.backend.internal.BackendView;
import io.autonoma.agents.testkit.TestContext;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Unit checks of the generated text for the filter indexes. The behaviour itself is proven by the
 * generated app's own tests (tests/test_migrations.py) and `alembic check` in ci/check-backend.sh.
 */
class BackendPerformanceTest {
    private static final BackendTemplates TEMPLATES = new BackendTemplates();

    @Test
    void enum_and_boolean_filter_columns_are_indexed_in_the_models_and_the_migration() {
        Map<String, String> files = TEMPLATES.all(TestContext.exampleSpec());
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
        Map<String, String> files = TEMPLATES.all(spec);
        assertThat(files.get("backend/app/models/coupon.py"))
                .contains("tier: Mapped[str] = mapped_column(String(32), nullable=False, unique=True)")
                .contains("used: Mapped[bool] = mapped_column(Boolean, nullable=False, index=True)");
        assertThat(migration(files))
                .contains("sa.UniqueConstraint(\"tier\", name=\"uq_coupons_tier\")")
                .contains("op.create_index(\"ix_coupons_used\", \"coupons\", [\"used\"])")
                .doesNotContain("ix_coupons_tier");
        assertThat(BackendView.filterIndexCount(spec)).isEqualTo(1);
    }

    private static String migration(Map<String, String> files) {
        return files.entrySet().stream().filter(f -> f.getKey().endsWith("_initial_schema.py")).findFirst().orElseThrow()
                .getValue();
    }
}
