package io.autonoma.agents.analyst.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InflectorTest {

    @ParameterizedTest
    @CsvSource({"categories,category", "companies,company", "orders,order", "addresses,address", "statuses,status",
            "boxes,box", "matches,match", "people,person", "shelves,shelf", "movies,movie", "status,status",
            "expenses,expense", "attendees,attendee", "heroes,hero", "courses,course", "analyses,analysis",
            "ins,in", "buses,bus", "invoices,invoice", "employees,employee"})
    void singular(String plural, String singular) {
        assertThat(Inflector.singular(plural)).isEqualTo(singular);
        assertThat(Inflector.isPlural(plural)).isEqualTo(!plural.equals(singular));
    }

    @ParameterizedTest
    @CsvSource({"category,categories", "day,days", "box,boxes", "church,churches", "tag,tags", "person,people",
            "status,statuses"})
    void plural(String singular, String plural) {
        assertThat(Inflector.plural(singular)).isEqualTo(plural);
    }

    @Test
    void casing() {
        assertThat(Inflector.pascal(List.of("purchase", "order"))).isEqualTo("PurchaseOrder");
        assertThat(Inflector.pascal(List.of("check", "in"))).isEqualTo("CheckIn");
        assertThat(Inflector.snake(List.of("Phone", "Number"))).isEqualTo("phone_number");
        assertThat(Inflector.snakeOfPascal("PurchaseOrder")).isEqualTo("purchase_order");
    }
}
