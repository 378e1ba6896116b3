package io.autonoma.agents.naming;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamingTest {
    @ParameterizedTest
    @CsvSource({
        "PurchaseOrder, purchase_order, purchase-order, purchaseOrder, Purchase order, purchase_orders, purchase-orders",
        "Category, category, category, category, Category, categories, categories",
        "Company, company, company, company, Company, companies, companies",
        "CheckIn, check_in, check-in, checkIn, Check in, check_ins, check-ins",
        "Box, box, box, box, Box, boxes, boxes",
        "Day, day, day, day, Day, days, days",
        "Branch, branch, branch, branch, Branch, branches, branches",
        "URLLink, url_link, url-link, urlLink, Url link, url_links, url-links",
    })
    void derives_every_name_form(String name, String snake, String kebab, String camel, String label, String pluralSnake, String pluralKebab) {
        assertThat(Naming.snake(name)).isEqualTo(snake);
        assertThat(Naming.kebab(name)).isEqualTo(kebab);
        assertThat(Naming.camel(name)).isEqualTo(camel);
        assertThat(Naming.label(name)).isEqualTo(label);
        assertThat(Naming.pluralSnake(name)).isEqualTo(pluralSnake);
        assertThat(Naming.pluralKebab(name)).isEqualTo(pluralKebab);
    }

    @Test
    void snake_and_pascal_round_trip() {
        assertThat(Naming.pascal("purchase_order")).isEqualTo("PurchaseOrder");
        assertThat(Naming.pascal(Naming.snake("StockQuantity2"))).isEqualTo("StockQuantity2");
        assertThat(Naming.label("phone_number")).isEqualTo("Phone number");
        assertThat(Naming.pluralLabel("PurchaseOrder")).isEqualTo("Purchase orders");
    }
}
