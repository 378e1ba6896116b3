package io.autonoma.agents.frontend.internal;

/**
 * One property of an entity's TS record type ({@code tsType}) and input type ({@code inputType});
 * {@code inputOptional}: the input may leave it out (the server fills it in).
 */
public record PropertyView(String name, String tsType, String inputType, String doc, boolean inputOptional) {}
