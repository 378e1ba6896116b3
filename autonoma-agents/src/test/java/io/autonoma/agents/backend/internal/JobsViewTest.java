package io.autonoma.agents.backend.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.architecture.DocsPack;
import io.autonoma.agents.backend.FastApiPack;
import io.autonoma.agents.deploy.DeployPack;
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
 * The background_job capability in the FastAPI pack: a Celery worker and beat, reminders of an owned row's date,
 * CSV export and import jobs of another entity. That a reminder goes out once and a killed job completes once is
 * proven by the generated tests (tests/test_reminders.py, tests/test_jobs.py) and ci/check-jobs.sh with real
 * servers; this test pins where the pieces are wired in, and that apps without jobs get none of them.
 */
class JobsViewTest {

    private static AppSpec bills(boolean jobs) {
        AppSpec.Builder b = AppSpec.builder("Bills")
                .entity(new Entity("Bill", List.of(Field.builder("title", FieldType.STRING).build(),
                        Field.builder("due_on", FieldType.DATE).required(false).build())))
                .entity(new Entity("Payee", List.of(Field.builder("name", FieldType.STRING).build())))
                .relation(new Relation("Bill", "User", RelationKind.MANY_TO_ONE, "payer", true));
        if (jobs) {
            b.capability(new Capability.BackgroundJob("Bill", "reminder", "due_on", "P1W"))
                    .capability(new Capability.BackgroundJob("Payee", "export", null, null))
                    .capability(new Capability.BackgroundJob("Payee", "import", null, null));
        }
        return b.build();
    }

    @Test
    void reminders_name_the_date_the_window_and_the_owner() {
        Map<String, String> files = Packs.backend(bills(true));
        assertThat(files.get("backend/app/reminders.py")).contains(String.join("\n", "    Reminder(", "        \"Bill\",", "        \"bills\",",
                "        Bill,", "        \"due_on\",", "        timedelta(days=7),", "        \"payer_id\",", "        \"title\",",
                "    ),"), "from app.models.bill import Bill");
        assertThat(files.get("backend/app/worker.py")).contains("task_acks_late=True", "task_reject_on_worker_lost=True",
                "\"send-reminders\"", "def send_reminders() -> int:", "def run_job_task(");
        assertThat(files.get("backend/app/config.py")).contains("smtp_host: str", "reminder_interval_seconds");
        assertThat(files.get("backend/requirements.txt")).contains("celery==5.7.0");
        assertThat(files).containsKeys("backend/tests/test_reminders.py", "backend/tests/test_jobs.py", "backend/app/mailer.py");
    }

    @Test
    void csv_jobs_stage_rows_through_the_create_checks_and_have_routes_of_their_own() {
        Map<String, String> files = Packs.backend(bills(true));
        assertThat(files.get("backend/app/jobs.py")).contains("    \"payees\": Table(", "        stage_payee,",
                "        frozenset({\"export\", \"import\"}),", "from app.routers.payee import stage_payee");
        assertThat(files.get("backend/app/routers/payee.py")).contains("async def stage_payee(");
        assertThat(files.get("backend/app/routers/bill.py")).doesNotContain("stage_bill");
        assertThat(files.get("backend/app/routers/background_jobs.py")).contains("    \"/payees/export\",",
                "    \"/payees/import\",", "async def get_job_result(").doesNotContain("/bills/");
        assertThat(files.get("backend/app/main.py")).contains("app.include_router(background_jobs.router)",
                "app.state.job_sender = celery_sender if settings.broker_url else None");
        String migration = files.entrySet().stream().filter(e -> e.getKey().startsWith("backend/alembic/versions/"))
                .findFirst().orElseThrow().getValue();
        assertThat(migration).contains("\"background_jobs\",", "\"sent_reminders\",", "op.drop_table(\"background_jobs\")");
    }

    @Test
    void the_list_page_starts_csv_jobs_and_deploys_run_a_worker_and_one_beat() {
        Map<String, String> files = Packs.render(bills(true), new NextJsPack(), new DeployPack(), new DocsPack());
        assertThat(files.get("frontend/src/app/payees/page.tsx")).contains("<CsvJobs jobs={{ path: \"/api/v1/payees\", "
                + "queryKey: \"payees\", label: \"payees\", exportable: true, importable: true }} />");
        assertThat(files.get("frontend/src/app/bills/page.tsx")).doesNotContain("CsvJobs");
        assertThat(files.get("frontend/src/app/bills/[id]/page.tsx"))
                .contains("{\"An e-mail reminder goes out 7 days before the due on.\"}");
        assertThat(files.get("frontend/src/app/payees/[id]/page.tsx")).doesNotContain("reminder");
        assertThat(files).containsKeys("frontend/src/components/csv-jobs.tsx", "frontend/src/lib/jobs.ts");
        assertThat(files.get("frontend/e2e/crud.spec.mjs")).contains("\"csvExport\": true", "Export CSV");
        assertThat(files.get("deploy/docker-compose.yml")).contains("  worker:", "  beat:", "\"app.worker\", \"beat\"");
        assertThat(files.get("deploy/.env.example")).contains("SMTP_HOST=", "SMTP_PASSWORD=CHANGE_ME");
        assertThat(files.get("deploy/k8s/35-workers.yaml")).contains("name: bills-worker", "name: bills-beat", "type: Recreate");
        assertThat(files.get("docs/architecture.md")).contains("### Background jobs (`background_job`)",
                "Bill: an e-mail reminder P1W (ISO-8601 period) before `due_on`");
    }

    @Test
    void without_reminders_there_is_no_beat_and_no_smtp() {
        AppSpec exportOnly = AppSpec.builder("Shelf")
                .entity(new Entity("Book", List.of(Field.builder("title", FieldType.STRING).build())))
                .capability(new Capability.BackgroundJob("Book", "export", null, null)).build();
        Map<String, String> files = Packs.render(exportOnly, new FastApiPack(), new DeployPack());
        assertThat(files.get("backend/app/worker.py")).doesNotContain("beat_schedule", "send_reminders");
        assertThat(files).doesNotContainKeys("backend/app/reminders.py", "backend/app/mailer.py");
        assertThat(files.get("deploy/docker-compose.yml")).contains("  worker:").doesNotContain("  beat:");
        assertThat(files.get("deploy/.env.example")).doesNotContain("SMTP");
        assertThat(files.get("backend/app/routers/background_jobs.py")).contains("/books/export").doesNotContain("/books/import");
    }

    @Test
    void apps_without_jobs_have_no_worker_tables_or_settings() {
        Map<String, String> files = Packs.backend(bills(false));
        assertThat(files).doesNotContainKeys("backend/app/worker.py", "backend/app/jobs.py", "backend/app/reminders.py",
                "backend/app/models/background_job.py", "backend/tests/test_jobs.py", "backend/tests/test_reminders.py");
        assertThat(files.get("backend/app/config.py")).doesNotContain("smtp", "broker");
        assertThat(files.get("backend/requirements.txt")).doesNotContain("celery");
        assertThat(files.get("backend/app/main.py")).doesNotContain("jobs");
        Map<String, String> rest = Packs.render(bills(false), new NextJsPack(), new DeployPack(), new DocsPack());
        assertThat(rest).doesNotContainKeys("frontend/src/components/csv-jobs.tsx", "deploy/k8s/35-workers.yaml");
        assertThat(rest.get("deploy/docker-compose.yml")).doesNotContain("worker", "beat");
        assertThat(rest.get("docs/architecture.md")).doesNotContain("Background jobs");
    }

    @Test
    void an_entity_named_job_keeps_its_module_table_and_routes_beside_the_background_jobs() {
        AppSpec board = AppSpec.builder("Board")
                .entity(new Entity("Job", List.of(Field.builder("title", FieldType.STRING).build(),
                        Field.builder("deadline", FieldType.DATE).required(false).build())))
                .capability(new Capability.BackgroundJob("Job", "reminder", "deadline", "P3D"))
                .capability(new Capability.BackgroundJob("Job", "export", null, null))
                .build();
        Map<String, String> files = Packs.backend(board);
        assertThat(files.get("backend/app/models/job.py")).contains("class Job(", "__tablename__ = \"jobs\"");
        assertThat(files.get("backend/app/models/background_job.py")).contains("class BackgroundJob(",
                "__tablename__ = \"background_jobs\"");
        assertThat(files.get("backend/app/routers/background_jobs.py")).contains("\"/background-jobs/{job_id}\"", "    \"/jobs/export\",");
    }
}
