package io.autonoma.core.pipeline.internal;

import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Numbers the events of one run and hands them to listeners strictly in {@code seq} order, one at a
 * time, without holding any lock while a listener runs.
 *
 * <p>{@link #enqueue} assigns the sequence number and queues delivery; it is cheap and may be called
 * while the caller holds the run's state lock (the dispatcher's own lock is always taken last and is
 * never held while calling out). {@link #drain} delivers queued work; whichever thread finds the
 * queue idle becomes the deliverer until the queue is empty, so a listener that publishes or
 * cancels from inside {@code onEvent} cannot reorder or deadlock delivery. Callers must call
 * {@code drain()} after releasing their locks.
 */
final class EventDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    /** Builds an event once its sequence number and time are known. */
    interface EventFactory {
        GenerationEvent create(long seq, java.time.Instant at);
    }

    private final List<GenerationListener> listeners;
    private final Object lock = new Object();
    private final List<GenerationEvent> published = new ArrayList<>();
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private long seq;
    private boolean draining;
    private boolean closed;

    EventDispatcher(List<GenerationListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Assigns the next sequence number, records the event and queues its delivery. Returns the
     * event, or null when the dispatcher is closed (after the run's last event).
     */
    GenerationEvent enqueue(EventFactory factory) {
        synchronized (lock) {
            if (closed) {
                return null;
            }
            GenerationEvent e = factory.create(++seq, java.time.Instant.now());
            published.add(e);
            queue.add(() -> deliver(e));
            return e;
        }
    }

    /** Queues the last event of the run and an action that runs after it was delivered; later events are dropped. */
    void enqueueLast(EventFactory factory, Runnable afterDelivery) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            GenerationEvent e = factory.create(++seq, java.time.Instant.now());
            published.add(e);
            queue.add(() -> deliver(e));
            queue.add(afterDelivery);
            closed = true;
        }
    }

    /** Delivers everything queued, unless another thread (or an outer frame of this one) is already doing so. */
    void drain() {
        synchronized (lock) {
            if (draining) {
                return;
            }
            draining = true;
        }
        while (true) {
            Runnable next;
            synchronized (lock) {
                next = queue.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException | Error t) {
                if (t instanceof VirtualMachineError) {
                    synchronized (lock) {
                        draining = false;
                    }
                    throw t;
                }
                LOG.warn("unexpected error while delivering run events; ignored", t);
            }
        }
    }

    /** Events published so far, in order. */
    List<GenerationEvent> snapshot() {
        synchronized (lock) {
            return List.copyOf(published);
        }
    }

    private void deliver(GenerationEvent e) {
        for (GenerationListener l : listeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException | Error t) {
                if (t instanceof VirtualMachineError) {
                    throw t;
                }
                LOG.warn("generation listener {} threw on event #{} ({}) of run {}; ignored",
                        l.getClass().getName(), e.seq(), e.getClass().getSimpleName(), e.runId(), t);
            }
        }
    }
}
