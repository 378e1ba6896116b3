package io.autonoma.spring.web.internal;

import io.autonoma.core.pipeline.GenerationEvent;
import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Feeds one SSE stream. Events are queued without blocking (pipeline threads never wait for a slow
 * client) and sent in order by one drain task at a time on the shared executor. After
 * {@code RunFinished} the stream is completed.
 */
public final class SseSubscriber implements Consumer<GenerationEvent> {
    private final SseEmitter emitter;
    private final Executor executor;
    private final ConcurrentLinkedQueue<GenerationEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closed;
    private volatile Runnable unsubscribe = () -> {};

    public SseSubscriber(SseEmitter emitter, Executor executor) {
        this.emitter = emitter;
        this.executor = executor;
        emitter.onCompletion(this::close);
        emitter.onTimeout(() -> {
            close();
            emitter.complete();
        });
        emitter.onError(e -> close());
    }

    public void unsubscribeWith(Runnable unsubscribe) {
        this.unsubscribe = unsubscribe;
        if (closed) unsubscribe.run();
    }

    @Override
    public void accept(GenerationEvent event) {
        if (closed) return;
        queue.add(event);
        if (scheduled.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            GenerationEvent e;
            while (!closed && (e = queue.poll()) != null) {
                emitter.send(SseEmitter.event()
                        .id(Long.toString(e.seq()))
                        .name(Json.eventName(e))
                        .data(Json.event(e)));
                if (e instanceof GenerationEvent.RunFinished) {
                    close();
                    emitter.complete();
                }
            }
        } catch (IOException | IllegalStateException gone) {
            close(); // the client went away
        } finally {
            scheduled.set(false);
            if (!closed && !queue.isEmpty() && scheduled.compareAndSet(false, true)) {
                executor.execute(this::drain);
            }
        }
    }

    private void close() {
        closed = true;
        unsubscribe.run();
    }
}
