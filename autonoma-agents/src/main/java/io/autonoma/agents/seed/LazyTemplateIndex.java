package io.autonoma.agents.seed;

import io.autonoma.core.template.TemplateEntry;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.core.template.TemplateMatch;
import io.autonoma.core.template.TemplateQuery;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds the real index on first use, so that application startup does not wait for the embedding
 * model (a few seconds) and prompts that name their entities never load it.
 */
public final class LazyTemplateIndex implements TemplateIndex {
    private final Supplier<TemplateIndex> factory;
    private final String description;
    private volatile TemplateIndex delegate;

    public LazyTemplateIndex(Supplier<TemplateIndex> factory) {
        this(factory, "template index");
    }

    public LazyTemplateIndex(Supplier<TemplateIndex> factory, String description) {
        this.factory = factory;
        this.description = description;
    }

    /** Whether the real index has been built. */
    public boolean loaded() {
        return delegate != null;
    }

    private TemplateIndex delegate() {
        TemplateIndex d = delegate;
        if (d == null) {
            synchronized (this) {
                d = delegate;
                if (d == null) {
                    d = factory.get();
                    delegate = d;
                }
            }
        }
        return d;
    }

    @Override public void addAll(List<TemplateEntry> entries) { delegate().addAll(entries); }
    @Override public List<TemplateMatch> search(TemplateQuery query) { return delegate().search(query); }
    @Override public Optional<TemplateEntry> get(String id) { return delegate().get(id); }
    @Override public boolean remove(String id) { return delegate().remove(id); }
    @Override public int size() { return delegate().size(); }

    @Override
    public String toString() {
        return "LazyTemplateIndex[" + description + (loaded() ? ", loaded" : ", not loaded yet") + "]";
    }
}
