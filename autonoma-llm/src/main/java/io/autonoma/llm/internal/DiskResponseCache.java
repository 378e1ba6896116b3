package io.autonoma.llm.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.autonoma.llm.LlmResponseCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A directory of {@code <key>.json} files; writes go to a temporary file that is then renamed. */
public final class DiskResponseCache implements LlmResponseCache {
    private static final Logger LOG = LoggerFactory.getLogger(DiskResponseCache.class);
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{16,128}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;

    public DiskResponseCache(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the LLM cache directory " + this.dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Entry> get(String key) {
        Path f = file(key);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(f.toFile(), Entry.class));
        } catch (IOException e) {
            LOG.warn("ignoring unreadable LLM cache entry {}: {}", f, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, Entry entry) {
        Path f = file(key);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".tmp-", ".json");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), entry);
            try {
                Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("cannot write LLM cache entry {}: {}", f, e.getMessage());
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private Path file(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("cache keys are lowercase hex digests, got '" + key + "'");
        }
        return dir.resolve(key + ".json");
    }
}
