package io.autonoma.spring.web;

import io.autonoma.core.pipeline.Agent;
import java.util.Set;

/** The fake agents of {@link GenerationApiTest}, for tests in other packages. */
public final class GenerationApiTestAgents {
    private GenerationApiTestAgents() {}

    /** An agent that writes one file. */
    public static Agent file(String name, Set<String> dependsOn, String path, String content) {
        return new GenerationApiTest.FileAgent(name, dependsOn, path, content);
    }
}
