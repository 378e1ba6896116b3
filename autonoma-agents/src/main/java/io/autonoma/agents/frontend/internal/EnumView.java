package io.autonoma.agents.frontend.internal;

/** {@code export const <constName> = [..] as const; export type <typeName> = ...}. */
public record EnumView(String constName, String typeName, String valuesLiteral) {}
