package io.autonoma.llm.internal;

import io.autonoma.llm.LlmResponseCache;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class MemoryResponseCache implements LlmResponseCache {
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public void put(String key, Entry entry) {
        entries.put(key, entry);
    }

    public int size() {
        return entries.size();
    }
}
