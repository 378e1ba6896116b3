package io.autonoma.agents.frontend.internal;

import java.util.List;

/**
 * One form field of an entity (a column, a many-to-one {@code <relation>_id} or a many-to-many
 * {@code <relation>_ids}) as the templates need it. Every string is ready to paste into TS source.
 *
 * @param name        API key and input id
 * @param zod         zod expression validating the form value ({@code f.text({ required: true, maxLength: 200 })})
 * @param labelLiteral TS string literal of the label
 * @param kind        input kind of {@code FieldMeta} ({@code text}, {@code reference}, …)
 * @param extras      extra {@code FieldMeta} properties, each {@code key: value}
 * @param initial     TS literal of the new-record form value
 * @param inForm      shown in the new and edit forms (false: the server fills it, e.g. a required reference to a user)
 */
public record FieldView(String name, String zod, String labelLiteral, String kind, boolean required,
                        List<String> extras, boolean inList, boolean sortable, String initial, boolean inForm) {
    public FieldView {
        extras = List.copyOf(extras);
    }
}
