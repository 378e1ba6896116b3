package io.autonoma.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextSearchTest {
    @Test
    void camel_case_and_punctuation_become_words() {
        assertThat(TextSearch.words("LoginForm")).contains("Login Form");
        assertThat(TextSearch.words("user_sessions-table")).contains("user sessions table");
    }
}
