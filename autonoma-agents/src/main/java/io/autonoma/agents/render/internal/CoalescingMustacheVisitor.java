package io.autonoma.agents.render.internal;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.TemplateContext;

/**
 * mustache.java's visitor, with the literal text between two tags handed over in one piece.
 *
 * <p>The parser reports a template's text line by line and the stock visitor appends each line to the
 * previous code with {@code appended = appended + text}: quadratic in the length of a literal block.
 * The frontend pack's 190 KB lock file made compiling the packs the largest cost of a cold CLI run.
 * Here the lines are collected in a {@link StringBuilder} and written at the next tag (or at the end),
 * so the compiled template, and everything it renders, is the same, in linear time.
 */
public final class CoalescingMustacheVisitor extends DefaultMustacheVisitor {
    private final StringBuilder pending = new StringBuilder();
    private TemplateContext pendingContext;

    public CoalescingMustacheVisitor(DefaultMustacheFactory factory) {
        super(factory);
    }

    @Override
    public void write(TemplateContext tc, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (pendingContext == null) {
            pendingContext = tc;
        }
        pending.append(text);
    }

    private void flush() {
        if (pendingContext != null) {
            super.write(pendingContext, pending.toString());
            pending.setLength(0);
            pendingContext = null;
        }
    }

    @Override
    public Mustache mustache(TemplateContext tc) {
        flush();
        return super.mustache(tc);
    }

    @Override
    public void iterable(TemplateContext tc, String variable, Mustache mustache) {
        flush();
        super.iterable(tc, variable, mustache);
    }

    @Override
    public void notIterable(TemplateContext tc, String variable, Mustache mustache) {
        flush();
        super.notIterable(tc, variable, mustache);
    }

    @Override
    public void name(TemplateContext tc, String variable, Mustache mustache) {
        flush();
        super.name(tc, variable, mustache);
    }

    @Override
    public void checkName(TemplateContext tc, String variable, Mustache mustache) {
        flush();
        super.checkName(tc, variable, mustache);
    }

    @Override
    public void partial(TemplateContext tc, String variable, String indent) {
        flush();
        super.partial(tc, variable, indent);
    }

    @Override
    public void dynamicPartial(TemplateContext tc, String variable, String indent) {
        flush();
        super.dynamicPartial(tc, variable, indent);
    }

    @Override
    public void value(TemplateContext tc, String variable, boolean encoded) {
        flush();
        super.value(tc, variable, encoded);
    }

    @Override
    public void pragma(TemplateContext tc, String pragma, String args) {
        flush();
        super.pragma(tc, pragma, args);
    }

    @Override
    public void eof(TemplateContext tc) {
        flush();
        super.eof(tc);
    }

    @Override
    public void extend(TemplateContext tc, String variable, Mustache mustache) {
        flush();
        super.extend(tc, variable, mustache);
    }

    @Override
    public void comment(TemplateContext tc, String comment) {
        flush();
        super.comment(tc, comment);
    }
}
