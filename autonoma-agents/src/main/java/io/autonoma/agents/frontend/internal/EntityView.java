package io.autonoma.agents.frontend.internal;

import java.util.List;

/**
 * An entity as the frontend templates need it.
 *
 * @param name      PascalCase type name ({@code PurchaseOrder})
 * @param camel     {@code purchaseOrder} (prefix of the schema and config constants)
 * @param kebab     {@code purchase-order} (file name of the entity module)
 * @param route     {@code purchase-orders} (route segment and query key)
 * @param apiName   {@code purchaseOrdersApi}
 * @param apiPath   {@code /api/v1/purchase-orders}
 * @param apiImports  API clients the entity's config module imports from {@code @/lib/api}, sorted
 * @param enumImports enum value constants its schema module ({@code <kebab>.schema.ts}) imports from {@code @/lib/api}
 * @param ownedRows   rows belong to their owner (the {@code ownership} capability): owners may delete them
 * @param shortLinkLiteral {@code { path: "/r/urls", field: "code" }} when rows have a short link that redirects, else {@code null}
 * @param workflowLiteral the state field and the actions of the entity's workflow ({@code { field, steps }}), else {@code null}
 * @param limitsLiteral   the limits on rows under a record that its page shows ({@code LimitMeta[]}), else {@code null}
 * @param limitsApiImport the API clients {@code limitsLiteral} names, else {@code null}
 * @param boardRoute  {@code /cards/board} when the rows have a board page (see {@link BoardView}), else null
 * @param tallies     read-only counts and averages of the votes on a record (the {@code vote} capability)
 * @param votes       the votes a signed-in user casts on a record from its detail page
 * @param files       the fields that hold an uploaded file ({@code FileMeta} literals: a file input in the form, the
 *                    file on the detail page)
 * @param csvJobsLiteral the {@code CsvJobsMeta} of the list page's Export CSV / Import CSV buttons (the
 *                    {@code background_job} capability's export and import kinds), else {@code null}
 * @param reminderNoteLiteral the detail page's note on the e-mail reminders of a record (the {@code background_job}
 *                    capability's reminder kind), a TS string literal, else {@code null}
 */
public record EntityView(String name, String camel, String kebab, String route, String apiName, String apiPath,
                         String labelLiteral, String pluralLabelLiteral, String descriptionLiteral, String docComment,
                         String displayFieldLiteral, boolean searchable, List<EnumView> enums,
                         List<PropertyView> properties, List<FieldView> formFields, List<String> apiImports,
                         List<String> enumImports, boolean ownedRows, String shortLinkLiteral,
                         String workflowLiteral, String limitsLiteral, String limitsApiImport,
                         String boardRoute, List<PropertyView> tallies, List<VoteControlView> votes,
                         List<String> files, String csvJobsLiteral, String reminderNoteLiteral) {
    /** A vote offered on the detail page: {@code constName} is its {@code VoteMeta} in the entity module. */
    public record VoteControlView(String constName, String literal, String doc) {}

    public boolean hasVotes() {
        return !votes.isEmpty();
    }

    public boolean hasFiles() {
        return !files.isEmpty();
    }

    /** Whether the detail page shows more than the record: how full it is (limits), a vote control, its files, a reminder note. */
    public boolean extrasOnDetail() {
        return hasVotes() || limitsLiteral != null || hasFiles() || reminderNoteLiteral != null;
    }

    /** Whether the list page shows more than the list: a link to the board, or the CSV jobs. */
    public boolean listExtras() {
        return boardRoute != null || csvJobsLiteral != null;
    }

    public EntityView {
        enums = List.copyOf(enums);
        properties = List.copyOf(properties);
        formFields = List.copyOf(formFields);
        apiImports = List.copyOf(apiImports);
        enumImports = List.copyOf(enumImports);
        tallies = List.copyOf(tallies);
        votes = List.copyOf(votes);
        files = List.copyOf(files);
    }
}
