package io.autonoma.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CancellationsTest {
    private final Cancellations cancellations = new Cancellations(Set.of("generate_app"));

    @Test
    void a_cancelled_request_cancels_what_its_tool_registered_under_its_progress_token() throws Exception {
        AtomicInteger cancelled = new AtomicInteger();
        cancellations.inbound("s1", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"generate_app\","
                + "\"_meta\":{\"progressToken\":\"tok\"}}}");
        try (AutoCloseable r = cancellations.register("s1", "tok", cancelled::incrementAndGet)) {
            cancellations.inbound("s2", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7}}");
            assertThat(cancelled).as("another session's request 7 is not this one").hasValue(0);
            cancellations.inbound("s1", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7}}");
            assertThat(cancelled).hasValue(1);
        }
    }

    @Test
    void a_call_without_a_progress_token_gets_one_marked_as_added_so_no_progress_is_sent() throws Exception {
        String seen = cancellations.inbound("s", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"generate_app\"}}");

        assertThat(seen).contains("\"progressToken\":\"" + Cancellations.INJECTED + "3\"");
        assertThat(Cancellations.clientAsked(Cancellations.INJECTED + "3")).isFalse();
        assertThat(Cancellations.clientAsked("tok")).isTrue();
        AtomicInteger cancelled = new AtomicInteger();
        try (AutoCloseable r = cancellations.register("s", Cancellations.INJECTED + "3", cancelled::incrementAndGet)) {
            cancellations.inbound("s", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":3}}");
        }
        assertThat(cancelled).hasValue(1);
    }

    @Test
    void other_messages_and_quick_tools_pass_unchanged() {
        String list = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"list_files\"}}";
        assertThat(cancellations.inbound("s", list)).isEqualTo(list);
        assertThat(cancellations.inbound("s", "not json")).isEqualTo("not json");
        assertThat(cancellations.inbound("s", "[1,2]")).isEqualTo("[1,2]");
    }
}
