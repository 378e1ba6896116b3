package io.autonoma.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A page of the frontend: {@code kind} is list, detail, form, dashboard or custom; {@code entity} may be null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page(String name, String kind, String entity, String route) {}
