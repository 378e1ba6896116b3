package io.autonoma.core.pipeline.internal;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One JVM-wide daemon thread ({@code autonoma-timer-N}) for agent timeouts and retry back-off. Its
 * tasks are tiny (flip a flag, interrupt a thread, hand a task to the agent executor), so timeouts
 * fire even when every agent thread is busy. The thread stops after a minute without work.
 */
final class Timers {
    private static final ScheduledThreadPoolExecutor TIMER = create();

    private Timers() {}

    static ScheduledThreadPoolExecutor get() {
        return TIMER;
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, new DaemonThreadFactory("autonoma-timer"));
        t.setRemoveOnCancelPolicy(true);
        t.setKeepAliveTime(60, TimeUnit.SECONDS);
        t.allowCoreThreadTimeOut(true);
        return t;
    }
}
