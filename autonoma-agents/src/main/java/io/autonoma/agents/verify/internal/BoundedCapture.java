package io.autonoma.agents.verify.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Drains one output stream of a child on a thread of its own (so that neither stream can fill its pipe and block the
 * child), keeping the first {@code headBytes} and the last {@code tailBytes} bytes and counting all of them.
 */
public final class BoundedCapture {
    private final byte[] head;
    private final byte[] tail;
    private int headLength;
    private int tailNext;
    private boolean tailWrapped;
    private long total;
    private final Thread thread;

    private BoundedCapture(InputStream in, String name, int headBytes, int tailBytes) {
        this.head = new byte[headBytes];
        this.tail = new byte[tailBytes];
        this.thread = new Thread(() -> drain(in), name);
        this.thread.setDaemon(true);
    }

    /** Starts draining {@code in}. */
    public static BoundedCapture start(InputStream in, String name, int headBytes, int tailBytes) {
        BoundedCapture c = new BoundedCapture(in, name, headBytes, tailBytes);
        c.thread.start();
        return c;
    }

    private void drain(InputStream in) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                append(buf, n);
            }
        } catch (IOException e) {
            // the stream was closed under us (the run is over): keep what was read
        }
    }

    private synchronized void append(byte[] buf, int n) {
        total += n;
        int i = 0;
        if (headLength < head.length) {
            int take = Math.min(n, head.length - headLength);
            System.arraycopy(buf, 0, head, headLength, take);
            headLength += take;
            i = take;
        }
        if (tail.length == 0) {
            return;
        }
        for (; i < n; i++) {
            tail[tailNext] = buf[i];
            tailNext = (tailNext + 1) % tail.length;
            if (tailNext == 0) {
                tailWrapped = true;
            }
        }
    }

    /** Waits until the stream ends (every writer closed it), at most {@code max}; whether it ended. */
    public boolean awaitEnd(Duration max) throws InterruptedException {
        thread.join(Math.max(1, max.toMillis()));
        return !thread.isAlive();
    }

    /** How many bytes the stream had so far. */
    public synchronized long total() {
        return total;
    }

    /** All of the stream when it fitted, else its start, a line saying how many bytes were left out, and its end. */
    public synchronized String excerpt() {
        int tailLength = tailWrapped ? tail.length : tailNext;
        byte[] ordered = new byte[tailLength];
        if (tailWrapped) {
            System.arraycopy(tail, tailNext, ordered, 0, tail.length - tailNext);
            System.arraycopy(tail, 0, ordered, tail.length - tailNext, tailNext);
        } else {
            System.arraycopy(tail, 0, ordered, 0, tailNext);
        }
        String start = new String(head, 0, headLength, StandardCharsets.UTF_8);
        long omitted = total - headLength - tailLength;
        String end = new String(ordered, StandardCharsets.UTF_8);
        if (omitted <= 0) {
            return start + end;
        }
        return start + "\n[... " + omitted + " bytes left out ...]\n" + end;
    }
}
