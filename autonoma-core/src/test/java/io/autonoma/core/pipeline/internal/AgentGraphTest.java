package io.autonoma.core.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AgentGraphTest {

    private static Agent agent(String name, String... deps) {
        Set<String> d = Set.of(deps);
        return new Agent() {
            @Override public String name() { return name; }
            @Override public Set<String> dependsOn() { return d; }
            @Override public AgentResult run(AgentContext context) { return AgentResult.of(name); }
        };
    }

    private static List<String> names(AgentGraph g) {
        return g.agents().stream().map(Agent::name).toList();
    }

    @Test
    void orders_dependencies_first_and_prefers_the_earliest_registered_ready_agent() {
        AgentGraph g = AgentGraph.of(List.of(agent("deploy", "backend", "frontend"), agent("frontend", "analyst"),
                agent("backend", "analyst"), agent("analyst"), agent("readme")));

        assertThat(names(g)).containsExactly("analyst", "frontend", "backend", "deploy", "readme");
    }

    @Test
    void computes_transitive_dependencies_in_topological_order() {
        AgentGraph g = AgentGraph.of(List.of(agent("a"), agent("b", "a"), agent("c", "b"), agent("d"), agent("e", "c", "d")));

        int e = g.indexOf("e");
        assertThat(Arrays.stream(g.ancestors(e)).mapToObj(g::name)).containsExactly("a", "b", "c", "d");
        assertThat(g.ancestors(g.indexOf("a"))).isEmpty();
        assertThat(Arrays.stream(g.dependents(g.indexOf("a"))).mapToObj(g::name)).containsExactly("b");
        assertThat(g.dependencyNames(e)).containsExactly("c", "d");
        assertThat(g.indexOf("missing")).isEqualTo(-1);
    }

    @Test
    void reads_names_and_dependencies_once() {
        AtomicInteger calls = new AtomicInteger();
        Agent counting = new Agent() {
            @Override public String name() { return "counting"; }
            @Override public Set<String> dependsOn() { return calls.incrementAndGet() == 1 ? Set.of() : Set.of("nope"); }
            @Override public AgentResult run(AgentContext context) { return AgentResult.of(""); }
        };

        AgentGraph g = AgentGraph.of(List.of(counting));

        assertThat(calls).hasValue(1);
        assertThat(g.dependencyCount(0)).isZero();
    }

    @Test
    void rejects_cycle_showing_its_path_only() {
        assertThatThrownBy(() -> AgentGraph.of(List.of(agent("root"), agent("a", "root", "c"), agent("b", "a"), agent("c", "b"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a -> c -> b -> a")
                .hasMessageNotContaining("root ->");
    }

    @Test
    void rejects_self_dependency_as_a_cycle() {
        assertThatThrownBy(() -> AgentGraph.of(List.of(agent("me", "me"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("me -> me");
    }

    @Test
    void rejects_unknown_dependency_listing_known_agents() {
        assertThatThrownBy(() -> AgentGraph.of(List.of(agent("backend"), agent("frontend", "backnd"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent 'frontend' depends on unknown agent 'backnd'")
                .hasMessageContaining("known agents: backend, frontend");
    }

    @Test
    void rejects_null_empty_blank_and_duplicate_agents() {
        assertThatThrownBy(() -> AgentGraph.of(List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one agent");
        List<Agent> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> AgentGraph.of(withNull)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> AgentGraph.of(List.of(agent("")))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> AgentGraph.of(List.of(agent("x"), agent("x")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two agents are named 'x'");
    }

    @Test
    void handles_a_long_chain_without_recursion() {
        List<Agent> chain = new ArrayList<>();
        chain.add(agent("n0"));
        for (int i = 1; i < 5_000; i++) {
            chain.add(agent("n" + i, "n" + (i - 1)));
        }

        AgentGraph g = AgentGraph.of(chain);

        assertThat(g.name(4_999)).isEqualTo("n4999");
        assertThat(g.ancestors(4_999)).hasSize(4_999);
    }
}
