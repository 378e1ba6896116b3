package io.autonoma.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void splits_on_non_alphanumerics_and_lowercases() {
        assertThat(Tokenizer.tokenize("FastAPI: CRUD-router/v2 (async)"))
                .containsExactly("fastapi", "fast", "api", "crud", "router", "v2", "async");
    }

    @Test
    void splits_camel_case_and_keeps_the_whole_word() {
        assertThat(Tokenizer.tokenize("useQueryClient")).containsExactly("usequeryclient", "use", "query", "client");
        assertThat(Tokenizer.tokenize("HTTPServer")).containsExactly("httpserver", "http", "server");
    }

    @Test
    void drops_stop_words_and_single_characters() {
        assertThat(Tokenizer.tokenize("a page with the form of x")).containsExactly("page", "form");
    }

    @Test
    void folds_regular_plurals() {
        assertThat(Tokenizer.tokenize("entries forms indexes classes status redis"))
                .containsExactly("entry", "form", "index", "class", "status", "redis");
    }

    @Test
    void blank_or_null_text_has_no_tokens() {
        assertThat(Tokenizer.tokenize(null)).isEmpty();
        assertThat(Tokenizer.tokenize("  \n-- ")).isEmpty();
    }
}
