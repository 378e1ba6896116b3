package io.autonoma.spring.web.internal;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Feeds one SSE stream. Items are queued without blocking (the threads that publish them never wait for a slow client)
 * and rendered and sent in order by one drain task at a time on the shared executor. After an item {@code last}
 * accepts, the stream is completed; a client that goes away, a timeout or a shut-down executor ends it too, and then the
 * source is unsubscribed ({@link #unsubscribeWith}).
 */
public final class SseStream<T> implements Consumer<T> {
    private final SseEmitter emitter;
    private final Executor executor;
    private final Function<T, SseEmitter.SseEventBuilder> render;
    private final Predicate<T> last;
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closed;
    private volatile Runnable unsubscribe = () -> {};

    public SseStream(SseEmitter emitter, Executor executor, Function<T, SseEmitter.SseEventBuilder> render, Predicate<T> last) {
        this.emitter = emitter;
        this.executor = executor;
        this.render = render;
        this.last = last;
        emitter.onCompletion(this::close);
        emitter.onTimeout(() -> {
            close();
            emitter.complete();
        });
        emitter.onError(e -> close());
    }

    /** What stops the source feeding this stream; run at once when the stream has already ended. */
    public void unsubscribeWith(Runnable unsubscribe) {
        this.unsubscribe = unsubscribe;
        if (closed) unsubscribe.run();
    }

    @Override
    public void accept(T item) {
        if (closed) return;
        queue.add(item);
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException shutdown) {
                close();
            }
        }
    }

    private void drain() {
        try {
            T item;
            while (!closed && (item = queue.poll()) != null) {
                emitter.send(render.apply(item));
                if (last.test(item)) {
                    close();
                    emitter.complete();
                }
            }
        } catch (IOException | IllegalStateException gone) {
            close(); // the client went away
        } finally {
            scheduled.set(false);
            if (!closed && !queue.isEmpty()) {
                schedule();
            }
        }
    }

    private void close() {
        closed = true;
        unsubscribe.run();
    }
}
