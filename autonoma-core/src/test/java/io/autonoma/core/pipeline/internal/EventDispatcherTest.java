package io.autonoma.core.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationEvent.AgentLog;
import io.autonoma.core.pipeline.GenerationListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EventDispatcherTest {

    private static EventDispatcher.EventFactory log(String msg) {
        return (seq, at) -> new AgentLog("run", seq, at, "a", msg);
    }

    @Test
    void delivers_events_from_many_threads_in_seq_order_one_at_a_time() throws Exception {
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Thread> inside = new AtomicReference<>();
        List<String> overlaps = Collections.synchronizedList(new ArrayList<>());
        GenerationListener l = e -> {
            if (!inside.compareAndSet(null, Thread.currentThread())) overlaps.add("overlap at " + e.seq());
            seen.add(e.seq());
            inside.set(null);
        };
        EventDispatcher d = new EventDispatcher(List.of(l));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 500; i++) {
                    d.enqueue(log("x"));
                    d.drain();
                }
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        d.drain();

        assertThat(overlaps).isEmpty();
        assertThat(seen).hasSize(2000);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).isEqualTo(i + 1L);
        }
    }

    @Test
    void listener_publishing_from_inside_on_event_keeps_the_order_for_every_listener() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        AtomicReference<EventDispatcher> ref = new AtomicReference<>();
        GenerationListener echo = e -> {
            first.add(((AgentLog) e).message());
            if (((AgentLog) e).message().equals("ping")) {
                ref.get().enqueue(log("pong"));
                ref.get().drain();
            }
        };
        EventDispatcher d = new EventDispatcher(List.of(echo, e -> second.add(((AgentLog) e).message())));
        ref.set(d);

        d.enqueue(log("ping"));
        d.drain();

        assertThat(first).containsExactly("ping", "pong");
        assertThat(second).containsExactly("ping", "pong");
    }

    @Test
    void drops_events_after_the_last_one_and_runs_the_final_action_after_delivery() {
        List<String> order = new ArrayList<>();
        EventDispatcher d = new EventDispatcher(List.of(e -> order.add(((AgentLog) e).message())));

        d.enqueue(log("one"));
        d.enqueueLast(log("last"), () -> order.add("completed"));
        GenerationEvent late = d.enqueue(log("late"));
        d.drain();

        assertThat(late).isNull();
        assertThat(order).containsExactly("one", "last", "completed");
        assertThat(d.snapshot()).extracting(GenerationEvent::seq).containsExactly(1L, 2L);
    }

    @Test
    void keeps_delivering_after_a_listener_throws() {
        List<Long> seen = new ArrayList<>();
        EventDispatcher d = new EventDispatcher(List.of(e -> { throw new IllegalStateException("bad"); }, e -> seen.add(e.seq())));

        d.enqueue(log("a"));
        d.enqueue(log("b"));
        d.drain();

        assertThat(seen).containsExactly(1L, 2L);
    }
}
