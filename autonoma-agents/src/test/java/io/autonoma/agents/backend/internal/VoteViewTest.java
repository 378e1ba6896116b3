package io.autonoma.agents.backend.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.architecture.DocsPack;
import io.autonoma.agents.frontend.NextJsPack;
import io.autonoma.agents.testkit.Packs;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.Relation;
import io.autonoma.core.spec.RelationKind;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The vote capability in the packs: a unique (target, voter) pair, vote endpoints that take the voter from the
 * signed-in user, tallies on the target's reads, a vote control and a browser step. That one vote stays one and
 * the tallies cost no query per row is proven by running the generated tests/test_votes.py and the e2e
 * (ci/test-generated.sh); this test pins where they are wired in.
 */
class VoteViewTest {

    /** Songs rated 1 to 10 in Review (with a required note), liked in Fave (with the time it was liked). */
    private static AppSpec songs(boolean noteRequired) {
        return AppSpec.builder("Songs")
                .entity(new Entity("Song", List.of(Field.builder("title", FieldType.STRING).build())))
                .entity(new Entity("Review", List.of(Field.builder("stars", FieldType.INTEGER).min(BigDecimal.ONE).max(BigDecimal.TEN).build(),
                        Field.builder("note", FieldType.TEXT).required(noteRequired).build())))
                .entity(new Entity("Fave", List.of(Field.builder("faved_at", FieldType.DATETIME).build())))
                .relation(new Relation("Review", "Song", RelationKind.MANY_TO_ONE, "song", true))
                .relation(new Relation("Review", "User", RelationKind.MANY_TO_ONE, "critic", true))
                .relation(new Relation("Fave", "Song", RelationKind.MANY_TO_ONE, "song", true))
                .relation(new Relation("Fave", "User", RelationKind.MANY_TO_ONE, "fan", true))
                .capability(new Capability.Vote("Review", "song", "critic", "rating", "stars"))
                .capability(new Capability.Vote("Fave", "song", "fan", "like", null))
                .build();
    }

    @Test
    void one_vote_per_voter_and_target_in_the_model_and_the_migration() {
        Map<String, String> files = Packs.backend(songs(false));
        assertThat(files.get("backend/app/models/review.py")).contains("    __table_args__ = (UniqueConstraint(\"song_id\", \"critic_id\"),)");
        assertThat(files.get("backend/app/models/fave.py")).contains("    __table_args__ = (UniqueConstraint(\"song_id\", \"fan_id\"),)");
        String migration = files.entrySet().stream().filter(e -> e.getKey().startsWith("backend/alembic/versions/"))
                .findFirst().orElseThrow().getValue();
        assertThat(migration).contains("sa.UniqueConstraint(\"song_id\", \"critic_id\", name=\"uq_reviews_song_id_critic_id\")",
                "sa.UniqueConstraint(\"song_id\", \"fan_id\", name=\"uq_faves_song_id_fan_id\")");
        assertThat(files.get("backend/app/models/song.py")).doesNotContain("__table_args__");
    }

    @Test
    void the_target_reads_carry_tallies_and_the_vote_endpoints_take_the_voter_from_the_session() {
        Map<String, String> files = Packs.backend(songs(false));
        String song = files.get("backend/app/routers/song.py");
        assertThat(song).contains("_READER = TalliedReader(", "\"review_count\": vote_count(Review.song_id, Song.id),",
                "\"average_stars\": vote_average(Review.stars, Review.song_id, Song.id),", "\"fave_count\": vote_count(Fave.song_id, Song.id),",
                "    await _READER.set_tallies(session, obj)").doesNotContain("Reader(Song)");
        assertThat(files.get("backend/app/schemas/song.py")).contains("    review_count: int = 0", "    average_stars: float | None = None",
                "    fave_count: int = 0");
        String voting = files.get("backend/app/routers/voting.py");
        assertThat(voting).contains("_REVIEW = Ballot(", "value=Review.stars", "filled={\"faved_at\": utcnow}",
                "@router.post(\"/api/v1/songs/{song_id}/review\"", "@router.post(\"/api/v1/songs/{song_id}/fave\"",
                "await _REVIEW.cast(session, song_id, user.id, payload.value)", "await _FAVE.cast(session, song_id, user.id)",
                "await _FAVE.withdraw(session, song_id, user.id)").doesNotContain("@router.delete");
        assertThat(files.get("backend/app/schemas/voting.py")).contains("class ReviewVote(BaseModel):", "extra=\"forbid\"",
                "value: Annotated[int, Field(ge=1, le=10)] | None", "class FaveVote(BaseModel):", "    voted: bool");
        assertThat(files.get("backend/app/main.py")).contains("app.include_router(voting.router)");
        assertThat(files.get("backend/tests/test_votes.py")).contains("async def test_review_is_one_per_user_and_song(",
                "async def test_fave_tallies_cost_no_query_per_song(", "@pytest.mark.concurrency\nasync def test_review_concurrent_votes");
        assertThat(files.get("backend/pyproject.toml")).contains("\"concurrency: ");
    }

    @Test
    void a_vote_the_server_cannot_make_alone_keeps_its_pair_and_tallies_but_no_endpoint() {
        Map<String, String> files = Packs.backend(songs(true));
        assertThat(files.get("backend/app/models/review.py")).contains("UniqueConstraint(\"song_id\", \"critic_id\")");
        assertThat(files.get("backend/app/routers/song.py")).contains("\"average_stars\": vote_average(");
        assertThat(files.get("backend/app/routers/voting.py")).doesNotContain("_REVIEW").contains("_FAVE = Ballot(");
        Map<String, String> front = Packs.render(songs(true), new NextJsPack(), new DocsPack());
        assertThat(front.get("frontend/src/entities/song.ts")).doesNotContain("songReviewVote").contains("songFaveVote");
    }

    @Test
    void the_detail_page_offers_the_vote_and_the_browser_test_casts_it() {
        Map<String, String> front = Packs.render(songs(false), new NextJsPack(), new DocsPack());
        String song = front.get("frontend/src/entities/song.ts");
        assertThat(song).containsPattern("name: \"review_count\".*inList: true, sortable: false, inForm: false")
                .containsPattern("name: \"average_stars\".*kind: \"decimal\".*inForm: false")
                .contains("export const songReviewVote: VoteMeta = { path: \"/api/v1/songs\", segment: \"review\", kind: \"rating\", "
                        + "label: \"Review\", scores: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] };");
        assertThat(front.get("frontend/src/app/songs/[id]/page.tsx")).contains(
                "<VoteControl vote={songReviewVote} id={id} queryKey={songConfig.queryKey} />",
                "<VoteControl vote={songFaveVote} id={id} queryKey={songConfig.queryKey} />");
        assertThat(front.get("frontend/src/app/reviews/[id]/page.tsx")).doesNotContain("VoteControl");
        assertThat(front.get("frontend/src/lib/api.ts")).contains("  average_stars: number | null;");
        assertThat(front).containsKeys("frontend/src/components/vote-control.tsx", "frontend/src/lib/votes.ts");
        assertThat(front.get("frontend/e2e/crud.spec.mjs")).contains("for (const vote of entity.votes ?? [])",
                "{ \"segment\": \"review\", \"kind\": \"rating\", \"label\": \"Review\", \"count\": \"review_count\", \"countLabel\": \"Reviews\", "
                        + "\"average\": \"average_stars\", \"averageLabel\": \"Average stars\", \"first\": 4, \"second\": 2 }");
        assertThat(front.get("docs/architecture.md")).contains("### Votes (`vote`)", "- Review: one rating per user and Song");
    }

    @Test
    void apps_without_votes_get_none_of_it() {
        AppSpec plain = AppSpec.builder("Songs").entity(new Entity("Song", List.of(Field.builder("title", FieldType.STRING).build()))).build();
        Map<String, String> files = Packs.backend(plain);
        assertThat(files).doesNotContainKeys("backend/app/voting.py", "backend/app/routers/voting.py", "backend/tests/test_votes.py");
        assertThat(files.get("backend/app/routers/song.py")).contains("_READER = Reader(Song)");
        Map<String, String> front = Packs.render(plain, new NextJsPack(), new DocsPack());
        assertThat(front).doesNotContainKeys("frontend/src/components/vote-control.tsx", "frontend/src/lib/votes.ts");
        assertThat(front.get("frontend/e2e/crud.spec.mjs")).doesNotContain("entity.votes");
    }
}
