package io.autonoma.agents.analyst.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A field as read from the prompt, before its type is settled. */
final class DraftField {
    String name;
    final String phrase;
    List<String> enumValues = new ArrayList<>();
    BigDecimal min;
    BigDecimal max;
    Boolean required;
    boolean unique;
    boolean flag;
    boolean count;
    String unit;

    DraftField(String name, String phrase) {
        this.name = name;
        this.phrase = phrase;
    }
}
