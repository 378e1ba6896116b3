package io.autonoma.core.pipeline.internal;

import io.autonoma.core.pipeline.Agent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The validated, immutable dependency graph of a pipeline. Agents are identified by their index
 * in {@link #agents()}, which is a topological order (dependencies first; ties keep the order the
 * agents were registered in). Names and dependency sets are read once, at construction, so an
 * agent whose {@code dependsOn()} changes later cannot corrupt a running pipeline.
 */
public final class AgentGraph {
    private final List<Agent> agents;
    private final List<String> names;
    private final Map<String, Integer> indexByName;
    /** Direct dependencies of each agent (indices into {@link #agents}). */
    private final int[][] dependencies;
    /** Direct dependents of each agent. */
    private final int[][] dependents;
    /** Transitive dependencies of each agent, ascending (i.e. in topological order). */
    private final int[][] ancestors;

    private AgentGraph(List<Agent> agents, List<Set<String>> deps) {
        int n = agents.size();
        this.agents = List.copyOf(agents);
        List<String> ns = new ArrayList<>(n);
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String name = agents.get(i).name();
            ns.add(name);
            idx.put(name, i);
        }
        this.names = List.copyOf(ns);
        this.indexByName = Map.copyOf(idx);
        this.dependencies = new int[n][];
        List<List<Integer>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            dependencies[i] = deps.get(i).stream().mapToInt(idx::get).sorted().toArray();
            for (int d : dependencies[i]) {
                out.get(d).add(i);
            }
        }
        this.dependents = new int[n][];
        for (int i = 0; i < n; i++) {
            dependents[i] = out.get(i).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        this.ancestors = new int[n][];
        BitSet[] sets = new BitSet[n];
        for (int i = 0; i < n; i++) { // topological order: every dependency index is < i
            BitSet s = new BitSet(n);
            for (int d : dependencies[i]) {
                s.set(d);
                s.or(sets[d]);
            }
            sets[i] = s;
            ancestors[i] = s.stream().toArray();
        }
    }

    /**
     * Validates the agents and orders them topologically.
     *
     * @throws IllegalArgumentException when there are no agents, an agent or its name is null or
     *     blank, two agents share a name, {@code dependsOn()} is null or names an unknown agent, or
     *     the dependencies form a cycle (the message shows the cycle, e.g. {@code a -> b -> a})
     */
    public static AgentGraph of(List<? extends Agent> registered) {
        if (registered == null || registered.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one agent; add one with agent(...)");
        }
        int n = registered.size();
        List<String> names = new ArrayList<>(n);
        Map<String, Integer> order = new HashMap<>();
        List<Set<String>> deps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Agent a = registered.get(i);
            if (a == null) {
                throw new IllegalArgumentException("agent #" + (i + 1) + " is null");
            }
            String name = a.name();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("agent #" + (i + 1) + " (" + a.getClass().getName()
                        + ") has a null or blank name; every agent needs a unique, non-blank name");
            }
            if (order.putIfAbsent(name, i) != null) {
                throw new IllegalArgumentException("two agents are named '" + name + "' ("
                        + registered.get(order.get(name)).getClass().getName() + " and " + a.getClass().getName()
                        + "); agent names must be unique within a pipeline");
            }
            names.add(name);
            Set<String> d = a.dependsOn();
            if (d == null) {
                throw new IllegalArgumentException("agent '" + name + "' returned null from dependsOn(); return an empty set instead");
            }
            deps.add(Collections.unmodifiableSet(new LinkedHashSet<>(d)));
        }
        for (int i = 0; i < n; i++) {
            for (String d : deps.get(i)) {
                if (d == null || !order.containsKey(d)) {
                    throw new IllegalArgumentException("agent '" + names.get(i) + "' depends on unknown agent '" + d
                            + "'; known agents: " + String.join(", ", names));
                }
            }
        }
        List<String> cycle = findCycle(names, deps, order);
        if (!cycle.isEmpty()) {
            throw new IllegalArgumentException("agents depend on each other in a cycle: " + String.join(" -> ", cycle)
                    + " (each agent depends on the next); remove one of these dependencies");
        }
        // Kahn's algorithm; among ready agents the earliest registered goes first.
        int[] remaining = new int[n];
        List<List<Integer>> dependentsOf = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            dependentsOf.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            remaining[i] = deps.get(i).size();
            for (String d : deps.get(i)) {
                dependentsOf.get(order.get(d)).add(i);
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (remaining[i] == 0) ready.add(i);
        }
        List<Agent> sorted = new ArrayList<>(n);
        List<Set<String>> sortedDeps = new ArrayList<>(n);
        while (!ready.isEmpty()) {
            int i = ready.poll();
            sorted.add(registered.get(i));
            sortedDeps.add(deps.get(i));
            for (int j : dependentsOf.get(i)) {
                if (--remaining[j] == 0) ready.add(j);
            }
        }
        if (sorted.size() != n) { // unreachable after findCycle, kept as a guard
            throw new IllegalStateException("dependency graph is not acyclic");
        }
        return new AgentGraph(sorted, sortedDeps);
    }

    /** Depth-first search; returns the first cycle found as a closed path of names, or an empty list. */
    private static List<String> findCycle(List<String> names, List<Set<String>> deps, Map<String, Integer> order) {
        int n = names.size();
        int[] state = new int[n]; // 0 = unvisited, 1 = on the stack, 2 = done
        int[][] edges = new int[n][];
        for (int i = 0; i < n; i++) {
            edges[i] = deps.get(i).stream().mapToInt(order::get).sorted().toArray();
        }
        for (int start = 0; start < n; start++) {
            if (state[start] != 0) continue;
            // iterative DFS: stack of (node, next edge position)
            int[] stack = new int[n];
            int[] pos = new int[n];
            int top = 0;
            stack[0] = start;
            state[start] = 1;
            while (top >= 0) {
                int v = stack[top];
                if (pos[top] < edges[v].length) {
                    int w = edges[v][pos[top]++];
                    if (state[w] == 1) {
                        List<String> path = new ArrayList<>();
                        int from = 0;
                        while (stack[from] != w) from++;
                        for (int k = from; k <= top; k++) path.add(names.get(stack[k]));
                        path.add(names.get(w));
                        return path;
                    }
                    if (state[w] == 0) {
                        state[w] = 1;
                        stack[++top] = w;
                        pos[top] = 0;
                    }
                } else {
                    state[v] = 2;
                    top--;
                }
            }
        }
        return List.of();
    }

    public int size() { return agents.size(); }

    /** Agents in topological order. */
    public List<Agent> agents() { return agents; }

    public Agent agent(int i) { return agents.get(i); }

    public String name(int i) { return names.get(i); }

    public List<String> names() { return names; }

    public int indexOf(String name) {
        Integer i = indexByName.get(name);
        return i == null ? -1 : i;
    }

    public int[] dependencies(int i) { return dependencies[i].clone(); }

    public int dependencyCount(int i) { return dependencies[i].length; }

    public int[] dependents(int i) { return dependents[i].clone(); }

    /** Transitive dependencies of agent {@code i}, in topological order (nearest to {@code i} last). */
    public int[] ancestors(int i) { return ancestors[i].clone(); }

    int[] dependentsView(int i) { return dependents[i]; }

    int[] ancestorsView(int i) { return ancestors[i]; }

    /** The direct dependencies of agent {@code i}, by name, in topological order. */
    public List<String> dependencyNames(int i) {
        return Arrays.stream(dependencies[i]).mapToObj(names::get).collect(Collectors.toUnmodifiableList());
    }
}
