package io.autonoma.llm;

import io.autonoma.llm.internal.DiskResponseCache;
import io.autonoma.llm.internal.MemoryResponseCache;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Model answers by request key (a SHA-256 of model name, every message and every parameter): a
 * re-run of the same generation is answered from here with zero model calls. Implementations are
 * thread-safe; a broken entry reads as a miss, never as an error.
 */
public interface LlmResponseCache {

    /** A stored answer with the token counts of the call that produced it. */
    record Entry(String model, String text, long inputTokens, long outputTokens) {}

    Optional<Entry> get(String key);

    void put(String key, Entry entry);

    /** Stores nothing. */
    static LlmResponseCache none() {
        return new LlmResponseCache() {
            @Override public Optional<Entry> get(String key) { return Optional.empty(); }
            @Override public void put(String key, Entry entry) {}
        };
    }

    static LlmResponseCache inMemory() {
        return new MemoryResponseCache();
    }

    /**
     * One JSON file per answer under {@code directory} (created if missing), written atomically
     * (temporary file, then rename), so a crash never leaves a half-written entry.
     */
    static LlmResponseCache onDisk(Path directory) {
        return new DiskResponseCache(directory);
    }
}
