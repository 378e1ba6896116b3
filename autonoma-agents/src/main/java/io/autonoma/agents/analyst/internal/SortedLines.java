package io.autonoma.agents.analyst.internal;

import io.autonoma.core.AutonomaException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A classpath text resource of lines sorted by their first tab-separated column (byte order), looked up
 * by binary search over the raw bytes: no parsing up front, so a 5 MB lexicon costs one read.
 */
final class SortedLines {
    private final byte[] data;

    private SortedLines(byte[] data) {
        this.data = data;
    }

    static SortedLines load(String resource) {
        try (InputStream in = SortedLines.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AutonomaException("lexicon resource " + resource + " is missing from the classpath");
            }
            return new SortedLines(in.readAllBytes());
        } catch (IOException e) {
            throw new AutonomaException("cannot read lexicon resource " + resource + ": " + e.getMessage(), e);
        }
    }

    /** The columns after the key of the line whose key is {@code key}, if there is one. */
    Optional<String[]> find(String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int lo = 0;
        int hi = data.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int start = mid;
            while (start > 0 && data[start - 1] != '\n') {
                start--;
            }
            int cmp = compareKey(start, k);
            if (cmp == 0) {
                return Optional.of(columns(start, k.length));
            }
            if (cmp < 0) {
                int end = mid;
                while (end < data.length && data[end] != '\n') {
                    end++;
                }
                lo = end + 1;
            } else {
                hi = start;
            }
        }
        return Optional.empty();
    }

    /** The key of the last line (in file order) whose columns match and whose key passes {@code keyTest}; a scan. */
    String firstKeyWhere(java.util.function.Predicate<String[]> columns, java.util.function.Predicate<String> keyTest) {
        String found = null;
        for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
            int tab = line.indexOf('\t');
            if (tab < 0) continue;
            String key = line.substring(0, tab);
            String[] cols = line.substring(tab + 1).split("\t", -1);
            if (columns.test(cols) && keyTest.test(key)) {
                found = key;
            }
        }
        return found;
    }

    /** Compares the key of the line at {@code start} with {@code k}. */
    private int compareKey(int start, byte[] k) {
        int i = 0;
        while (true) {
            int p = start + i;
            boolean lineKeyEnds = p >= data.length || data[p] == '\t' || data[p] == '\n';
            if (lineKeyEnds) {
                return i == k.length ? 0 : -1;
            }
            if (i == k.length) {
                return 1;
            }
            int c = Byte.compare(data[p], k[i]);
            if (c != 0) {
                return c;
            }
            i++;
        }
    }

    private String[] columns(int start, int keyLength) {
        int from = start + keyLength;
        int end = from;
        while (end < data.length && data[end] != '\n') {
            end++;
        }
        if (from >= end) {
            return new String[0];
        }
        return new String(data, from + 1, end - from - 1, StandardCharsets.UTF_8).split("\t", -1);
    }
}
