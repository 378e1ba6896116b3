package io.autonoma.mcp.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * Newline-delimited messages (MCP's stdio framing) passed one by one through a filter before the SDK reads them; runs
 * {@code onEnd} once the underlying stream has ended.
 */
public final class LineFilterInputStream extends InputStream {
    private final BufferedReader in;
    private final UnaryOperator<String> filter;
    private final Runnable onEnd;
    private byte[] current = new byte[0];
    private int pos;
    private boolean ended;

    public LineFilterInputStream(InputStream in, UnaryOperator<String> filter, Runnable onEnd) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.filter = filter;
        this.onEnd = onEnd;
    }

    private boolean fill() throws IOException {
        while (pos >= current.length) {
            if (ended) return false;
            String line = in.readLine();
            if (line == null) {
                ended = true;
                onEnd.run();
                return false;
            }
            current = (filter.apply(line) + "\n").getBytes(StandardCharsets.UTF_8);
            pos = 0;
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        return fill() ? current[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!fill()) return -1;
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
