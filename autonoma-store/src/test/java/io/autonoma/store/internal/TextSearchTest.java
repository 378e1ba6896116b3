package io.autonoma.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextSearchTest {
    @Test
    void camel_case_and_punctuation_become_words() {
        assertThat(TextSearch.words("LoginForm")).contains("Login Form");
        assertThat(TextSearch.words("user_sessions-table")).contains("user sessions table");
    }

    @Test
    void or_query_is_always_valid_tsquery_syntax() {
        assertThat(TextSearch.orQuery("JWT auth & 'refresh' | tokens!")).isEqualTo("jwt | auth | refresh | tokens");
        assertThat(TextSearch.orQuery("!!! ???")).isEmpty();
        assertThat(TextSearch.orQuery("DataTable")).isEqualTo("datatable | data | table");
    }
}
