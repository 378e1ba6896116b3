package io.autonoma.agents.frontend.internal;

import java.util.List;

/**
 * Root view model of the {@code frontend-nextjs} pack.
 *
 * @param appName            the spec's name (validated: letters, digits, space, {@code _}, {@code -})
 * @param appNameLiteral     TS string literal of the name
 * @param appDescriptionLiteral TS string literal of the description (empty literal if none)
 * @param appDescription    the description for Markdown (README)
 * @param packageName        npm package name
 * @param e2eJson            the e2e test plan, JSON (see {@link E2ePlan})
 * @param logoInitials       one or two ASCII letters or digits for the brand mark {@code public/logo.svg}
 *                           (see {@link FrontendViews#logoInitials(String)}), safe in SVG text as they are
 * @param hasUserRelations   some relation points at the app's users: {@code src/lib/api.ts} gets the users directory client
 * @param boards             the entities whose rows are kept in order within a parent: a board page each
 * @param limitSteps         the browser test fills a parent to its limit (the limit capability)
 * @param realtimeLiteral    TS array of the query keys of the resources whose writes the server pushes (the realtime
 *                           capability), null when none
 */
public record FrontendView(String appName, String appNameLiteral, String appDescriptionLiteral, String appDescription,
                           String packageName, List<EntityView> entities, String e2eJson,
                           String logoInitials, boolean hasUserRelations, String rolesLiteral,
                           boolean limitSteps, List<BoardView> boards, String realtimeLiteral) {
    public FrontendView {
        entities = List.copyOf(entities);
        boards = List.copyOf(boards);
    }

    /** This view once when some entity has a board (the ordering capability, with a parent): dnd-kit and its component. */
    public List<FrontendView> withBoards() {
        return boards.isEmpty() ? List.of() : List.of(this);
    }

    /** This view once when admins give users the app's own roles (the /roles page), else none. */
    public List<FrontendView> withRoles() {
        return rolesLiteral == null ? List.of() : List.of(this);
    }

    /** This view once when some page shows how full a record is (the limit capability), else none. */
    public List<FrontendView> withLimits() {
        return entities.stream().anyMatch(e -> e.limitsLiteral() != null) ? List.of(this) : List.of();
    }

    /** This view once when the server pushes some resource's writes: src/lib/realtime.ts, opened by the app shell. */
    public List<FrontendView> withRealtime() {
        return realtimeLiteral == null ? List.of() : List.of(this);
    }

    /** This view once when some list page starts CSV export or import jobs (for {@code each=withJobs}), else none. */
    public List<FrontendView> withJobs() {
        return entities.stream().anyMatch(e -> e.csvJobsLiteral() != null) ? List.of(this) : List.of();
    }

    /** This view once when some detail page says when e-mail reminders go out (for the browser step), else none. */
    public List<FrontendView> withReminderNotes() {
        return entities.stream().anyMatch(e -> e.reminderNoteLiteral() != null) ? List.of(this) : List.of();
    }

    /** This view once when some record offers a vote (for {@code each=withVotes}), else none. */
    public List<FrontendView> withVotes() {
        return entities.stream().anyMatch(EntityView::hasVotes) ? List.of(this) : List.of();
    }

    /** This view once when some record holds an uploaded file (for {@code each=withFiles}), else none. */
    public List<FrontendView> withFiles() {
        return entities.stream().anyMatch(EntityView::hasFiles) ? List.of(this) : List.of();
    }
}
