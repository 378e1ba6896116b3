package io.autonoma.agents.frontend;

import io.autonoma.agents.pack.PackAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.agents.testkit.Specs;
import io.autonoma.agents.testkit.TestContext;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.artifact.ArtifactSink;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.Budget;
import io.autonoma.core.pipeline.CancellationToken;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FrontendAgentTest {
    private static final Path OUT = Path.of("target", "generated-frontend");

    static AppSpec crm() {
        return Specs.salesCrm();
    }

    static AppSpec edge() {
        return Specs.edge();
    }

    static AppSpec hostile() {
        return Specs.hostileText();
    }

    private static TestContext run(AppSpec spec, String name) throws Exception {
        TestContext ctx = new TestContext(spec);
        new PackAgent(new NextJsPack()).run(ctx);
        ctx.writeTo(OUT.resolve(name));
        return ctx;
    }

    @Test
    void is_named_frontend_and_depends_on_requirements() {
        PackAgent agent = new PackAgent(new NextJsPack());
        assertThat(agent.name()).isEqualTo("frontend");
        assertThat(agent.dependsOn()).containsExactly("requirements");
    }

    @Test
    void renders_inventory_pages_api_client_and_e2e_under_frontend() throws Exception {
        Map<String, String> files = run(TestContext.exampleSpec(), "inventory").texts();

        assertThat(files.keySet()).allMatch(p -> p.startsWith("frontend/"));
        assertThat(files).containsKeys("frontend/package.json", "frontend/tsconfig.json", "frontend/eslint.config.mjs",
                "frontend/src/app/layout.tsx", "frontend/src/app/login/page.tsx", "frontend/src/app/signup/page.tsx",
                "frontend/src/app/page.tsx", "frontend/src/lib/api.ts", "frontend/e2e/crud.spec.mjs", "frontend/.gitignore");
        for (String route : List.of("suppliers", "products", "purchase-orders")) {
            assertThat(files).containsKeys("frontend/src/app/" + route + "/page.tsx", "frontend/src/app/" + route + "/new/page.tsx",
                    "frontend/src/app/" + route + "/[id]/page.tsx", "frontend/src/app/" + route + "/[id]/edit/page.tsx");
        }
        String api = files.get("frontend/src/lib/api.ts");
        assertThat(api).contains("export interface PurchaseOrder extends RecordBase {")
                .contains("  supplier_id: number;")
                .contains("  products_ids: number[];")
                .contains("  requested_by_id?: number;")
                .contains("export const usersApi = {")
                .contains("export const PURCHASE_ORDER_STATUS_VALUES = [\"draft\", \"sent\", \"received\"] as const;")
                .contains("  price: string;")
                .contains("  phone_number: string | null;")
                .contains("export const purchaseOrdersApi = crud<PurchaseOrder, PurchaseOrderInput>(\"/api/v1/purchase-orders\");");
        assertThat(files.get("frontend/src/entities/purchase-order.schema.ts"))
                .contains("  PURCHASE_ORDER_STATUS_VALUES,\n  type PurchaseOrderInput,\n} from \"@/lib/api\";")
                .contains("rating: f.integer({ required: false, min: 1, max: 5 }),")
                .contains("status: f.enumeration(PURCHASE_ORDER_STATUS_VALUES, { required: true }),")
                .contains("supplier_id: f.reference({ required: true }),")
                .contains("approver_id: f.reference({ required: false }),")
                .doesNotContain("requested_by_id")
                .contains("}) satisfies z.ZodType<PurchaseOrderInput>;");
        assertThat(files.get("frontend/src/entities/purchase-order.ts"))
                .contains("  productsApi,\n  purchaseOrdersApi,\n  suppliersApi,\n  usersApi,\n  type PurchaseOrder,\n")
                // the example's relations to users: the requester is filled in by the server, the approver is picked
                .contains("{ name: \"requested_by_id\", label: \"Requested by\", kind: \"reference\", required: true, target: "
                        + "{ api: usersApi, label: \"User\", route: null, displayField: \"name\" }, inList: true, sortable: false, "
                        + "inForm: false, initial: \"\" }")
                .contains("kind: \"datetime\"").contains("kind: \"time\"").contains("kind: \"date\"")
                .contains("initial: \"draft\"")
                .doesNotContain("zod").doesNotContain("PURCHASE_ORDER_STATUS_VALUES");
        assertThat(files.get("frontend/src/entities/product.schema.ts"))
                .contains("price: f.decimal({ required: true, min: 0 }),")
                .contains("sku: f.text({ required: true, maxLength: 64 }),")
                .contains("website: f.url({ required: false, maxLength: 2048 }),");
        assertThat(files.get("frontend/src/entities/product.ts")).contains("initial: true");
        assertThat(files.get("frontend/package.json")).contains("\"name\": \"inventory-frontend\"").doesNotContain("\"^").doesNotContain("\"~");
        assertThat(files.get("frontend/src/app/purchase-orders/page.tsx"))
                .startsWith("\"use client\";")
                .contains("<EntityList config={purchaseOrderConfig} />");
    }

    @Test
    void lockfile_pins_the_same_direct_dependencies_as_package_json() throws Exception {
        Map<String, String> files = new PackAgent(new NextJsPack()).render(crm());
        ObjectMapper json = new ObjectMapper();
        JsonNode pkg = json.readTree(files.get("frontend/package.json"));
        JsonNode lock = json.readTree(files.get("frontend/package-lock.json"));
        assertThat(lock.path("name").asText()).isEqualTo("sales-crm-frontend");
        assertThat(lock.path("packages").path("").path("dependencies")).isEqualTo(pkg.path("dependencies"));
        assertThat(lock.path("packages").path("").path("devDependencies")).isEqualTo(pkg.path("devDependencies"));
        pkg.path("dependencies").fields().forEachRemaining(d -> assertThat(d.getValue().asText()).matches("\\d+\\.\\d+\\.\\d+"));
        pkg.path("devDependencies").fields().forEachRemaining(d -> assertThat(d.getValue().asText()).matches("\\d+\\.\\d+\\.\\d+"));
        assertThat(files.get("frontend/package-lock.json")).doesNotContain("://");
    }

    @Test
    void keeps_tokens_out_of_web_storage() throws Exception {
        Map<String, String> files = run(TestContext.exampleSpec(), "inventory").texts();
        files.forEach((path, text) -> {
            if (path.startsWith("frontend/src/")) {
                assertThat(text).as(path).doesNotContain("localStorage").doesNotContain("sessionStorage").doesNotContain("document.cookie");
            }
        });
        assertThat(files.get("frontend/src/lib/auth-store.ts")).doesNotContain("persist").contains("accessToken: null");
        assertThat(files.get("frontend/src/lib/http.ts")).contains("credentials: \"include\"").contains("\"X-CSRF\": \"1\"");
    }

    @Test
    void keeps_the_contracts_test_selectors() throws Exception {
        Map<String, String> files = run(TestContext.exampleSpec(), "inventory").texts();
        assertThat(files.get("frontend/src/components/entity-list.tsx")).contains("data-testid={`row-${record.id}`}").contains("New {config.label.toLowerCase()}");
        assertThat(files.get("frontend/src/components/confirm-dialog.tsx")).contains(">\n        Delete\n");
        assertThat(files.get("frontend/src/components/confirm-delete-dialog.tsx")).contains("\"Confirm delete\"").contains(">\n                      Cancel\n");
        assertThat(files.get("frontend/src/components/field-input.tsx")).contains("id: field.name").contains("role=\"alert\"").contains("htmlFor={field.name}");
        assertThat(files.get("frontend/src/components/entity-form.tsx")).contains("\"Save\"");
        assertThat(files.get("frontend/src/components/app-shell.tsx")).contains("Log out");
    }

    @Test
    void renders_crm_with_optional_reference_and_many_to_many() throws Exception {
        Map<String, String> files = run(crm(), "crm").texts();
        String api = files.get("frontend/src/lib/api.ts");
        assertThat(api).contains("  company_id: number | null;").contains("  contacts_ids: number[];")
                .contains("export const DEAL_STAGE_VALUES = [\"lead\", \"qualified\", \"proposal\", \"won\", \"lost\"] as const;")
                .contains("/** An organisation we sell to. */");
        assertThat(files.get("frontend/src/entities/deal.ts"))
                .contains("description: \"A sale in progress, from \\\"lead\\\" to won or lost.\",")
                .contains("{ name: \"contacts_ids\", label: \"Contacts\", kind: \"references\"")
                .contains("description: \"Expected value in EUR.\"")
                .contains("initial: \"lead\"");
        assertThat(files.get("frontend/src/entities/contact.schema.ts")).contains("company_id: f.reference({ required: false }),");
        assertThat(files.get("frontend/package.json")).contains("\"name\": \"sales-crm-frontend\"");
        assertThat(files.get("frontend/src/lib/app.ts")).contains("export const APP_NAME = \"Sales CRM\";");
        String e2e = files.get("frontend/e2e/crud.spec.mjs");
        assertThat(e2e.indexOf("\"route\": \"/companies\"")).isLessThan(e2e.indexOf("\"route\": \"/contacts\""));
        assertThat(e2e.indexOf("\"route\": \"/contacts\"")).isLessThan(e2e.indexOf("\"route\": \"/deals\""));
    }

    @Test
    void self_references_and_name_clashes_render_valid_identifiers() throws Exception {
        Map<String, String> files = run(edge(), "edge").texts();
        String api = files.get("frontend/src/lib/api.ts");
        assertThat(api).contains("export type SwitchModeValue = (typeof SWITCH_MODE_VALUES)[number];")
                .contains("export interface SwitchMode extends RecordBase {")
                .contains("  manager_id: number | null;")
                .contains("export const categoriesApi = crud<Category, CategoryInput>(\"/api/v1/categories\");");
        String employee = files.get("frontend/src/entities/employee.ts");
        assertThat(employee).containsOnlyOnce("  employeesApi,\n").contains("displayField: \"email\"");
        assertThat(files.get("frontend/src/entities/switch.ts")).contains("displayField: null");
    }

    @Test
    void escapes_spec_text_for_string_literals_and_comments() throws Exception {
        Map<String, String> files = run(hostile(), "tricky").texts();
        String app = files.get("frontend/src/lib/app.ts");
        assertThat(app).contains("Quote \\\" backslash \\\\ end-comment */ template ${x} `tick` </script> line\\nbreak \\u2028 sep é");
        // the name, the description (one line, whatever it holds) and the admin-only links
        assertThat(app.lines()).hasSize(4);
        String api = files.get("frontend/src/lib/api.ts");
        assertThat(api).contains("/** Quote \" backslash \\ end-comment *\\/ template ${x} `tick` </script> line break sep é */")
                .doesNotContain("end-comment */ template");
        assertThat(files.get("frontend/src/entities/note.schema.ts")).contains("amount: f.decimal({ required: false, min: -5, max: 5 }),");
        assertThat(files.get("frontend/src/entities/note.ts")).contains("initial: \"c\"").contains("{ value: \"a_b\", label: \"A b\" }");
    }

    @Test
    void same_spec_gives_identical_bytes() {
        Map<String, String> a = new PackAgent(new NextJsPack()).render(crm());
        Map<String, String> b = new PackAgent(new NextJsPack(), new TemplateRenderer()).render(AppSpecJson.read(AppSpecJson.write(crm())));
        assertThat(b).isEqualTo(a);
        assertThat(List.copyOf(b.keySet())).isEqualTo(List.copyOf(a.keySet()));
    }

    @Test
    void fails_with_an_actionable_message_without_a_spec() {
        TestContext base = new TestContext(crm());
        AgentContext noSpec = new AgentContext() {
            @Override public GenerationRequest request() { return base.request(); }
            @Override public String runId() { return base.runId(); }
            @Override public Optional<AppSpec> spec() { return Optional.empty(); }
            @Override public <T> Optional<T> output(String key, Class<T> type) { return Optional.empty(); }
            @Override public ArtifactSink artifacts() { return base.artifacts(); }
            @Override public void log(String message) { }
            @Override public CancellationToken cancellation() { return base.cancellation(); }
            @Override public Budget budget() { return base.budget(); }
        };
        assertThatThrownBy(() -> new PackAgent(new NextJsPack()).run(noSpec))
                .isInstanceOf(AutonomaException.class)
                .hasMessageContaining("needs an app spec");
        assertThat(base.texts()).isEmpty();
    }

    @Test
    void render_frontend_main_writes_the_files() throws Exception {
        Path dir = OUT.resolve("render-main");
        int n = io.autonoma.agents.pack.RenderPacks.write(crm(), java.util.List.of(new NextJsPack()), dir);
        assertThat(n).isGreaterThan(40);
        assertThat(dir.resolve("app-spec.json")).exists();
        assertThat(Files.readString(dir.resolve("frontend/src/app/deals/[id]/edit/page.tsx"))).contains("EntityEdit config={dealConfig}");
    }
}
