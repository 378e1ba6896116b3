package io.autonoma.agents.backend.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.architecture.DocsPack;
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
 * The realtime capability in the packs: the events WebSocket and its hub, events after each committed write of the
 * real-time entities (with the owner for owned rows), the frontend client opened by the app shell, the browser step,
 * Redis in the Kubernetes manifests and the docs. That events arrive, are refused without a token, reach only whom
 * they may and cross processes is proven by running the generated tests/test_realtime.py, the e2e and
 * ci/check-realtime.sh (ci/test-generated.sh); this test pins where they are wired in.
 */
class RealtimeViewTest {

    /** Messages (real time) in rooms; notes of one's own (real time, owned). */
    private static AppSpec chat() {
        return AppSpec.builder("Chat")
                .entity(new Entity("Room", List.of(Field.builder("name", FieldType.STRING).build())))
                .entity(new Entity("Message", List.of(Field.builder("body", FieldType.TEXT).build())))
                .entity(new Entity("Note", List.of(Field.builder("text", FieldType.TEXT).build())))
                .relation(new Relation("Message", "Room", RelationKind.MANY_TO_ONE, "room", true))
                .relation(new Relation("Note", "User", RelationKind.MANY_TO_ONE, "author", true))
                .capability(new Capability.Realtime("Message"))
                .capability(new Capability.Realtime("Note"))
                .capability(new Capability.Ownership("Note"))
                .build();
    }

    @Test
    void writes_of_real_time_entities_are_published_after_commit_and_owned_rows_name_their_owner() {
        Map<String, String> files = Packs.backend(chat());
        assertThat(files).containsKeys("backend/app/realtime.py", "backend/tests/test_realtime.py");
        String message = files.get("backend/app/routers/message.py");
        assertThat(message).contains("from app.realtime import Event, EventHubDep", "_RESOURCE = \"messages\"",
                "    events: EventHubDep,", "    await cache.invalidate()\n    await events.publish(Event(\"created\", _RESOURCE, obj.id))",
                "await events.publish(Event(\"updated\", _RESOURCE, obj.id))", "await events.publish(Event(\"deleted\", _RESOURCE, obj.id))");
        assertThat(files.get("backend/app/routers/note.py")).contains("await events.publish(Event(\"created\", _RESOURCE, obj.id, obj.author_id))");
        assertThat(files.get("backend/app/routers/room.py")).doesNotContain("events", "_RESOURCE");
        assertThat(files.get("backend/app/main.py")).contains("app.state.event_hub = create_event_hub(settings)",
                "app.include_router(realtime.router)", "await _app.state.event_hub.close()");
        assertThat(files.get("backend/app/config.py")).contains("realtime_auth_seconds: float");
        assertThat(files.get("backend/requirements.txt")).contains("websockets==");
        String tests = files.get("backend/tests/test_realtime.py");
        assertThat(tests).contains("async def test_message_writes_reach_the_sockets_of_other_users(",
                "async def test_note_writes_reach_the_sockets_of_other_users(",
                "async def test_note_events_go_to_the_owner_and_admins_alone(", "async def test_a_socket_without_a_valid_token_is_closed(")
                .doesNotContain("test_message_events_go_to_the_owner");
    }

    @Test
    void the_frontend_opens_the_socket_when_signed_in_and_the_browser_test_measures_it() {
        Map<String, String> front = Packs.render(chat(), new NextJsPack(), new DocsPack(), new DeployPack());
        assertThat(front.get("frontend/src/lib/realtime.ts")).contains("export const REALTIME_RESOURCES: readonly string[] = [\"messages\", \"notes\"];");
        assertThat(front.get("frontend/src/components/app-shell.tsx")).contains("useRealtime(sessionChecked && Boolean(accessToken));");
        assertThat(front.get("frontend/e2e/crud.spec.mjs")).contains("if (entity.realtime) {", "\"realtime\": true");
        assertThat(front.get("docs/architecture.md")).contains("### Real time (`realtime`)", "A plain WebSocket, not Socket.IO",
                "- Note: each created, updated or deleted row is announced as `{\"type\": …, \"resource\": \"notes\", \"id\": …}` to its owner and the admins");
        assertThat(front).containsKey("deploy/k8s/15-redis.yaml");
        assertThat(front.get("deploy/k8s/10-configmap.yaml")).contains("  REDIS_URL: \"redis://redis.chat.svc.cluster.local:6379/0\"");
    }

    @Test
    void apps_without_real_time_get_none_of_it() {
        AppSpec plain = AppSpec.builder("Chat").entity(new Entity("Room", List.of(Field.builder("name", FieldType.STRING).build()))).build();
        Map<String, String> files = Packs.backend(plain);
        assertThat(files).doesNotContainKeys("backend/app/realtime.py", "backend/tests/test_realtime.py");
        assertThat(files.get("backend/app/main.py")).doesNotContain("realtime", "event_hub");
        assertThat(files.get("backend/requirements.txt")).doesNotContain("websockets");
        Map<String, String> front = Packs.render(plain, new NextJsPack(), new DocsPack(), new DeployPack());
        assertThat(front).doesNotContainKeys("frontend/src/lib/realtime.ts", "deploy/k8s/15-redis.yaml");
        assertThat(front.get("frontend/src/components/app-shell.tsx")).doesNotContain("useRealtime");
        assertThat(front.get("frontend/e2e/crud.spec.mjs")).doesNotContain("entity.realtime");
        assertThat(front.get("deploy/k8s/10-configmap.yaml")).contains("  # REDIS_URL:");
    }
}
