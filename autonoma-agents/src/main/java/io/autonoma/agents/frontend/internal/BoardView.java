package io.autonoma.agents.frontend.internal;

/**
 * The board page of an entity whose rows keep their order within a parent (the ordering capability): one lane per
 * parent row, whose rows are dragged within and between lanes (dnd-kit, pointer and keyboard).
 *
 * @param name         the entity ({@code Card}); {@code camel}, {@code kebab}, {@code route} as in {@link EntityView}
 * @param parent       the parent entity ({@code KanbanColumn}); {@code parentCamel} its config prefix, {@code parentKebab}
 *                     its module, {@code parentRoute} its route segment
 * @param parentField  the many-to-one field naming each row's parent ({@code kanban_column_id})
 * @param positionField the server-made position field
 * @param parentSort   how lanes are listed: the parent's own position field when it is ordered too, else {@code id}
 */
public record BoardView(String name, String camel, String kebab, String route, String parent, String parentCamel,
                        String parentKebab, String parentRoute, String parentField, String positionField, String parentSort) {}
