package io.autonoma.agents.architecture;

import io.autonoma.agents.pack.PackAgent;
import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.testkit.TestContext;
import io.autonoma.core.spec.AppSpec;
import org.junit.jupiter.api.Test;

class ArchitectureAgentTest {
    @Test
    void documents_components_entities_relations_and_every_endpoint() {
        TestContext ctx = new TestContext(TestContext.exampleSpec());
        new PackAgent(new DocsPack()).run(ctx);
        String doc = ctx.texts().get("docs/architecture.md");
        assertThat(doc).contains("erDiagram")
                .contains("PURCHASE_ORDER }o--|| SUPPLIER : \"supplier\"")
                .contains("PURCHASE_ORDER }o--o{ PRODUCT : \"products\"")
                .contains("| `sku` | string | yes | yes | max length 64 |")
                .contains("| `status` | enum | yes | no | one of draft, sent, received; default draft |")
                .contains("| DELETE | `/api/v1/purchase-orders/{id}` | delete (admin) |")
                .contains("| `supplier_id` | integer | yes | no | references Supplier |");
        assertThat(ctx.texts().get("README.md")).contains("# Inventory").contains("uvicorn app.main:app");
    }

    @Test
    void documents_relations_to_the_apps_users_and_the_users_directory() {
        TestContext ctx = new TestContext(TestContext.exampleSpec());
        new PackAgent(new DocsPack()).run(ctx);
        String doc = ctx.texts().get("docs/architecture.md");
        assertThat(doc).contains("    USER {\n        int id PK\n")
                .contains("PURCHASE_ORDER }o--|| USER : \"requested_by\"")
                .contains("- each PurchaseOrder names one of the app's users as requested by: the user who creates it unless an admin "
                        + "names another (`requested_by`).")
                .contains("- each PurchaseOrder may name one active user of the app as approver (`approver`).")
                .contains("| `requested_by_id` | integer | yes | no | references one of the app's users (table `users`); "
                        + "defaults to the current user |")
                .contains("| GET | `/api/v1/users` | the users directory")
                .contains("a non-admin may set it only to themselves");
        assertThat(ctx.texts().get("README.md")).contains("## Relations to users")
                .contains("- Product records are linked many-to-many to the app's users (`watchers_ids`)");

        AppSpec plain = AppSpec.builder("Plain").entity(TestContext.exampleSpec().entities().get(0)).build();
        TestContext other = new TestContext(plain);
        new PackAgent(new DocsPack()).run(other);
        assertThat(other.texts().get("docs/architecture.md")).doesNotContain("USER").doesNotContain("/api/v1/users");
        assertThat(other.texts().get("README.md")).doesNotContain("Relations to users");
    }

    @Test
    void spec_text_cannot_inject_markup_into_the_docs() {
        AppSpec hostile = TestContext.exampleSpec().toBuilder().description("A <script>alert(1)</script> | `x` shop\nwith lines")
                .build();
        TestContext ctx = new TestContext(hostile);
        new PackAgent(new DocsPack()).run(ctx);
        String doc = ctx.texts().get("docs/architecture.md");
        assertThat(doc).doesNotContain("<script>").contains("&lt;script&gt;").contains("\\|");
    }

    @Test
    void same_spec_gives_identical_docs() {
        TestContext a = new TestContext(TestContext.exampleSpec());
        TestContext b = new TestContext(TestContext.exampleSpec());
        new PackAgent(new DocsPack()).run(a);
        new PackAgent(new DocsPack()).run(b);
        assertThat(a.texts()).isEqualTo(b.texts());
    }
}
