package io.autonoma.agents.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.security.internal.Dockerfiles.Instruction;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerfilesTest {
    @Test
    void instructions_join_continuations_and_skip_comments() {
        assertThat(Dockerfiles.instructions("""
                # syntax=docker/dockerfile:1
                FROM python:3.12-slim AS build

                RUN apt-get update \\
                    # a comment inside the continuation
                    && apt-get install -y curl
                user app
                """)).containsExactly(
                new Instruction("FROM", "python:3.12-slim AS build", 2),
                new Instruction("RUN", "apt-get update  && apt-get install -y curl", 4),
                new Instruction("USER", "app", 7));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a numeric user in the final stage     | FROM a\\nUSER 10001:10001           | false",
            "a named user                          | FROM a\\nUSER app                   | false",
            "no USER at all                        | FROM a\\nCMD x                      | true",
            "a USER only in an earlier stage       | FROM a AS b\\nUSER app\\nFROM c     | true",
            "uid 0                                 | FROM a\\nUSER 0                     | true",
            "root with a group                     | FROM a\\nUSER root:root             | true",
            "back to root after a user             | FROM a\\nUSER app\\nUSER root       | true",
            "a variable the review cannot know     | FROM a\\nUSER $APP_USER             | true",
            "a USER only in a comment              | FROM a\\n# USER app                 | true"})
    void only_a_known_non_root_user_in_the_final_stage_is_not_root(String what, String dockerfile, boolean root) {
        Optional<String> user = Dockerfiles.finalUser(dockerfile.strip().replace("\\n", "\n"));

        assertThat(Dockerfiles.runsAsRoot(user)).as(what).isEqualTo(root);
    }
}
