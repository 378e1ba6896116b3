package io.autonoma.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.core.template.TemplateEntry;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.core.template.TemplateMatch;
import io.autonoma.core.template.TemplateQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@link TemplateIndex} contract. Every implementation's test extends this class and returns a
 * fresh, empty index from {@link #newIndex()}. The assertions hold for keyword-only and for
 * semantic (embedding) indexes alike: the fixture's "obvious" queries share their key words with
 * the expected entry, and nothing asserts whether entries that share no word with a query are
 * returned (a semantic index returns them, a keyword-only one may not).
 */
public abstract class TemplateIndexContract {

    /** A fresh, empty index. Called before every test. */
    protected abstract TemplateIndex newIndex();

    protected TemplateIndex index;

    @BeforeEach
    void createIndex() {
        index = newIndex();
    }

    // ---------------------------------------------------------------- fixture

    public static final String CRUD = "api-crud-router";
    public static final String JWT = "api-jwt-auth";
    public static final String LOGIN = "ui-login-page";
    public static final String TABLE = "ui-data-table";
    public static final String K8S = "deploy-k8s-deployment";
    public static final String DOCKERFILE = "deploy-python-dockerfile";
    public static final String ORM = "code-sqlalchemy-model";
    public static final String STORE = "code-zustand-store";
    public static final String BLOG = "project-blog";

    /** Nine entries over the five collections; frameworks fastapi, nextjs, kubernetes, docker and none. */
    public static List<TemplateEntry> fixture() {
        return List.of(
                entry(CRUD, "api_patterns", "fastapi", "FastAPI CRUD router",
                        "REST endpoints that create, list, update and delete records with an async SQLAlchemy session",
                        List.of("crud", "rest"),
                        "@router.post(\"/items\", status_code=201)\n"
                                + "async def create_item(body: ItemCreate, db: AsyncSession = Depends(get_db)) -> ItemRead:\n"
                                + "    item = Item(**body.model_dump())\n    db.add(item)\n    await db.commit()\n    return item\n"),
                entry(JWT, "api_patterns", "fastapi", "JWT bearer authentication",
                        "Issue and verify JSON Web Tokens and protect routes with a current-user dependency",
                        List.of("jwt", "security", "authentication"),
                        "def current_user(token: str = Depends(oauth2_scheme)) -> User:\n"
                                + "    claims = jwt.decode(token, settings.secret_key, algorithms=[\"HS256\"])\n"
                                + "    return users.get(claims[\"sub\"])\n"),
                entry(LOGIN, "ui_components", "nextjs", "Login page",
                        "Login page with email and password fields and a submit button",
                        List.of("login", "auth"),
                        "export default function LoginPage() {\n"
                                + "  return <LoginCard><EmailInput /><PasswordInput /><SubmitButton /></LoginCard>;\n}\n"),
                entry(TABLE, "ui_components", "nextjs", "Data table",
                        "Sortable, paginated data table that lists records with column headers",
                        List.of("table", "pagination"),
                        "export function DataTable<T>({ rows, columns }: DataTableProps<T>) {\n"
                                + "  return <table>{rows.map(r => <Row key={r.id} row={r} columns={columns} />)}</table>;\n}\n"),
                entry(K8S, "deployment_configs", "kubernetes", "Kubernetes deployment manifest",
                        "Deployment and Service for the backend with readiness and liveness probes",
                        List.of("kubernetes", "k8s", "manifest"),
                        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: backend\nspec:\n  replicas: 2\n"),
                entry(DOCKERFILE, "deployment_configs", "docker", "Python backend Dockerfile",
                        "Multi-stage Dockerfile building a slim Python image that runs uvicorn",
                        List.of("docker", "python"),
                        "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
                                + "CMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\"]\n"),
                entry(ORM, "code_templates", "fastapi", "SQLAlchemy model",
                        "Declarative SQLAlchemy 2 ORM model with typed mapped columns",
                        List.of("orm", "database"),
                        "class Item(Base):\n    __tablename__ = \"items\"\n    id: Mapped[int] = mapped_column(primary_key=True)\n"),
                entry(STORE, "code_templates", "nextjs", "Zustand store",
                        "Client state store for the Next.js frontend built with Zustand",
                        List.of("state", "zustand"),
                        "export const useCart = create<CartState>()(set => ({ lines: [], clear: () => set({ lines: [] }) }));\n"),
                entry(BLOG, "project_templates", null, "Blog",
                        "A blog with posts, comments and tags written by authors",
                        List.of("blog", "cms"),
                        "{\"name\": \"blog\", \"entities\": [{\"name\": \"Post\"}, {\"name\": \"Comment\"}]}"));
    }

    protected static TemplateEntry entry(String id, String collection, String framework, String title,
            String description, List<String> tags, String content) {
        return new TemplateEntry(id, collection, title, description, content, tags,
                framework == null ? Map.of() : Map.of("framework", framework));
    }

    protected static TemplateEntry fixtureEntry(String id) {
        return fixture().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    protected static List<String> ids(List<TemplateMatch> matches) {
        return matches.stream().map(m -> m.entry().id()).toList();
    }

    // ---------------------------------------------------------------- empty index

    @Test
    void empty_index_has_size_zero_and_finds_nothing() {
        assertThat(index.size()).isZero();
        assertThat(index.search("kubernetes deployment", 5)).isEmpty();
        assertThat(index.search(TemplateQuery.of("login page", 10).inCollection("ui_components").forFramework("nextjs")))
                .isEmpty();
        assertThat(index.get(LOGIN)).isEmpty();
        assertThat(index.remove(LOGIN)).isFalse();
    }

    @Test
    void adding_an_empty_list_is_a_no_op() {
        index.addAll(List.of());
        assertThat(index.size()).isZero();

        index.addAll(fixture());
        index.addAll(List.of());
        assertThat(index.size()).isEqualTo(fixture().size());
    }

    // ---------------------------------------------------------------- add / get / replace / remove

    @Test
    void added_entries_are_counted_and_returned_unchanged_by_get() {
        index.addAll(fixture());

        assertThat(index.size()).isEqualTo(9);
        for (TemplateEntry e : fixture()) {
            assertThat(index.get(e.id())).contains(e);
        }
        assertThat(index.get("no-such-id")).isEmpty();
    }

    @Test
    void add_single_entry_is_the_same_as_add_all_of_one() {
        index.add(fixtureEntry(K8S));

        assertThat(index.size()).isEqualTo(1);
        assertThat(index.get(K8S)).contains(fixtureEntry(K8S));
        assertThat(ids(index.search("kubernetes manifest", 3))).containsExactly(K8S);
    }

    @Test
    void adding_an_existing_id_replaces_the_entry() {
        index.addAll(fixture());
        TemplateEntry helm = entry(K8S, "deployment_configs", "helm", "Helm chart values",
                "Helm chart values file for the backend release", List.of("helm", "chart"), "replicaCount: 2\n");

        index.add(helm);

        assertThat(index.size()).isEqualTo(9);
        assertThat(index.get(K8S)).contains(helm);
        List<TemplateMatch> hits = index.search("helm chart values", 3);
        assertThat(hits.get(0).entry()).isEqualTo(helm);
        assertThat(index.search("kubernetes deployment manifest", 9))
                .extracting(TemplateMatch::entry)
                .doesNotContain(fixtureEntry(K8S));
        assertThat(index.search(TemplateQuery.of("helm chart values", 5).forFramework("kubernetes"))).isEmpty();
    }

    @Test
    void remove_deletes_the_entry_and_reports_whether_it_existed() {
        index.addAll(fixture());

        assertThat(index.remove(JWT)).isTrue();
        assertThat(index.remove(JWT)).isFalse();

        assertThat(index.size()).isEqualTo(8);
        assertThat(index.get(JWT)).isEmpty();
        assertThat(ids(index.search("jwt bearer authentication", 9))).doesNotContain(JWT);
    }

    @Test
    void removing_every_entry_empties_the_index() {
        index.addAll(fixture());
        fixture().forEach(e -> index.remove(e.id()));

        assertThat(index.size()).isZero();
        assertThat(index.search("login page", 5)).isEmpty();
    }

    // ---------------------------------------------------------------- ranking

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource({
            "kubernetes deployment manifest with probes, " + K8S,
            "jwt bearer token authentication, " + JWT,
            "sortable data table with columns, " + TABLE,
            "dockerfile for the python backend, " + DOCKERFILE,
            "login page with email and password, " + LOGIN,
            "zustand client state store, " + STORE,
            "sqlalchemy orm model, " + ORM,
            "blog with posts and comments, " + BLOG})
    void the_obvious_entry_is_the_best_match(String query, String expectedId) {
        index.addAll(fixture());

        List<TemplateMatch> hits = index.search(query, 3);

        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).entry().id()).isEqualTo(expectedId);
    }

    @ParameterizedTest
    @CsvSource({"kubernetes deployment manifest", "login page", "records", "python fastapi sqlalchemy async"})
    void scores_are_between_zero_and_one_and_never_increase(String query) {
        index.addAll(fixture());

        List<TemplateMatch> hits = index.search(query, 9);

        assertThat(hits).isNotEmpty();
        for (int i = 0; i < hits.size(); i++) {
            assertThat(hits.get(i).score()).isBetween(0.0, 1.0);
            if (i > 0) {
                assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
            }
        }
        assertThat(ids(hits)).doesNotHaveDuplicates();
    }

    @Test
    void top_k_bounds_the_result_and_keeps_the_best() {
        index.addAll(fixture());
        String query = "kubernetes manifest dockerfile jwt data table";

        List<TemplateMatch> all = index.search(query, 1000);
        List<TemplateMatch> two = index.search(query, 2);
        List<TemplateMatch> one = index.search(query, 1);

        assertThat(all).hasSizeGreaterThanOrEqualTo(4).hasSizeLessThanOrEqualTo(9);
        assertThat(two).hasSize(2);
        assertThat(one).hasSize(1);
        assertThat(ids(two)).containsExactlyElementsOf(ids(all.subList(0, 2)));
        assertThat(ids(one)).containsExactly(ids(all).get(0));
    }

    @Test
    void same_query_gives_same_result() {
        index.addAll(fixture());

        assertThat(index.search("backend deployment", 5)).isEqualTo(index.search("backend deployment", 5));
    }

    // ---------------------------------------------------------------- filters

    @Test
    void collection_filter_returns_only_that_collection() {
        index.addAll(fixture());

        List<TemplateMatch> hits = index.search(TemplateQuery.of("login page authentication", 9).inCollection("api_patterns"));

        assertThat(hits).isNotEmpty();
        assertThat(hits).allSatisfy(m -> assertThat(m.entry().collection()).isEqualTo("api_patterns"));
        assertThat(hits.get(0).entry().id()).isEqualTo(JWT);
    }

    @Test
    void unknown_collection_finds_nothing() {
        index.addAll(fixture());

        assertThat(index.search(TemplateQuery.of("login page", 9).inCollection("no_such_collection"))).isEmpty();
    }

    @Test
    void framework_filter_matches_metadata_framework() {
        index.addAll(fixture());

        List<TemplateMatch> nextjs = index.search(TemplateQuery.of("login page", 9).forFramework("nextjs"));
        List<TemplateMatch> fastapi = index.search(TemplateQuery.of("login page", 9).forFramework("fastapi"));

        assertThat(nextjs).isNotEmpty();
        assertThat(nextjs.get(0).entry().id()).isEqualTo(LOGIN);
        assertThat(nextjs).allSatisfy(m -> assertThat(m.entry().metadata()).containsEntry("framework", "nextjs"));
        assertThat(fastapi).allSatisfy(m -> assertThat(m.entry().metadata()).containsEntry("framework", "fastapi"));
        assertThat(ids(fastapi)).doesNotContain(LOGIN);
    }

    @Test
    void entries_without_a_framework_never_pass_a_framework_filter() {
        index.addAll(fixture());

        assertThat(ids(index.search(TemplateQuery.of("blog with posts and comments", 9).forFramework("nextjs"))))
                .doesNotContain(BLOG);
        assertThat(ids(index.search(TemplateQuery.of("blog with posts and comments", 9))).get(0)).isEqualTo(BLOG);
    }

    @Test
    void collection_and_framework_filters_combine() {
        index.addAll(fixture());

        List<TemplateMatch> hits = index.search(new TemplateQuery("sqlalchemy records async session", 9,
                Optional.of("code_templates"), Optional.of("fastapi")));

        assertThat(ids(hits)).containsExactly(ORM);
    }

    // ---------------------------------------------------------------- invalid queries

    @Test
    void invalid_queries_are_rejected() {
        index.addAll(fixture());

        assertThatThrownBy(() -> index.search("  ", 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.search(null, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.search("login", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.search("login", 1001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TemplateQuery.of("login", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(index.search("login", 1000)).isNotEmpty();
    }

    // ---------------------------------------------------------------- thread safety

    @Test
    void concurrent_adds_and_searches_lose_nothing() throws Exception {
        index.addAll(fixture());
        int writers = 4;
        int perWriter = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        index.add(entry("gen-" + writer + "-" + i, "code_templates", "fastapi", "generated router " + i,
                                "generated entry", List.of(), ""));
                    }
                }));
            }
            for (int r = 0; r < 2; r++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        assertThat(index.search("kubernetes deployment manifest", 3)).isNotEmpty();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(index.size()).isEqualTo(9 + writers * perWriter);
        assertThat(index.get("gen-3-9")).isPresent();
    }
}
