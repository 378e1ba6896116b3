package io.autonoma.agents.frontend.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrontendViewsTest {
    @Test
    void logo_initials_are_the_first_letters_of_the_first_two_words_upper_case() {
        assertThat(FrontendViews.logoInitials("Sales CRM")).isEqualTo("SC");
        assertThat(FrontendViews.logoInitials("inventory")).isEqualTo("I");
        assertThat(FrontendViews.logoInitials("pet-clinic_manager app")).isEqualTo("PC");
        assertThat(FrontendViews.logoInitials("  7 wonders")).isEqualTo("7W");
    }

    @Test
    void logo_initials_hold_only_ascii_letters_and_digits_whatever_the_name() {
        assertThat(FrontendViews.logoInitials("<svg> & \"x\"")).isEqualTo("SX");
        assertThat(FrontendViews.logoInitials("émoji 🚀 </text>")).isEqualTo("MT");
        assertThat(FrontendViews.logoInitials("")).isEqualTo("A");
        assertThat(FrontendViews.logoInitials(null)).isEqualTo("A");
        assertThat(FrontendViews.logoInitials("--- ***")).isEqualTo("A");
    }
}
