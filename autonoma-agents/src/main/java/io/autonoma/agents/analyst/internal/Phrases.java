package io.autonoma.agents.analyst.internal;

import io.autonoma.agents.analyst.internal.Tagger.Tag;
import io.autonoma.agents.analyst.internal.Tagger.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Groups tagged tokens into phrases: noun phrases (determiner, modifiers, head, possessor), verb groups
 * (auxiliaries, verb, particle), prepositions, conjunctions and clause openers. A shallow chunker, enough
 * for the one-line sentences of prompts.
 */
final class Phrases {

    enum Kind { NP, VG, PREP, CONJ, COMMA, SUB, OTHER }

    /** A noun phrase; {@code head} is its last noun, {@code modifiers} the nouns and adjectives before it. */
    record NP(List<Token> tokens, Token head, Token det, List<Token> modifiers, boolean pronoun) {
        boolean plural() {
            return head.plural();
        }

        boolean possessive() {
            return head.possessive();
        }

        String detWord() {
            return det == null ? "" : det.text();
        }

        /** Singular lemma words: kept noun modifiers and the head ({@code repair job}). */
        List<String> words() {
            List<String> out = new ArrayList<>();
            for (Token m : modifiers) {
                if (m.tag() == Tag.NOUN) {
                    out.add(m.lemma());
                }
            }
            out.add(head.lemma());
            return out;
        }
    }

    /** A verb group: {@code verb} is the main verb; passive when a form of "be" precedes a participle. */
    record VG(List<Token> tokens, Token verb, boolean passive, String particle) {
        String lemma() {
            return particle == null || verb.lemma().contains("_") ? verb.lemma() : verb.lemma() + "_" + particle;
        }
    }

    record Item(Kind kind, NP np, VG vg, Token token) {
        boolean is(Kind k) {
            return kind == k;
        }

        String word() {
            return token == null ? "" : token.text();
        }
    }

    private static final Set<String> PARTICLES = Set.of("up", "in", "out", "off", "down", "back", "over", "on");

    private Phrases() {}

    static List<Item> chunk(List<Token> t) {
        List<Item> items = new ArrayList<>();
        int i = 0;
        while (i < t.size()) {
            Token tok = t.get(i);
            Tag tag = tok.tag();
            if (tag == Tag.PRON) {
                items.add(new Item(Kind.NP, new NP(List.of(tok), tok, null, List.of(), true), null, tok));
                i++;
            } else if (tag == Tag.DET || tag == Tag.POSS || tag == Tag.NUM || tag == Tag.ADJ || tag == Tag.NOUN) {
                int j = i;
                Token det = null;
                if (tag == Tag.DET || tag == Tag.POSS) {
                    det = tok;
                    j++;
                    // "each other's", "every single"
                    while (j < t.size() && (t.get(j).is(Tag.DET) || t.get(j).is(Tag.ADV))) j++;
                }
                List<Token> mods = new ArrayList<>();
                Token head = null;
                while (j < t.size()) {
                    Token x = t.get(j);
                    boolean nominal = x.is(Tag.NOUN) || x.is(Tag.ADJ) || x.is(Tag.NUM);
                    if (!nominal) break;
                    if (head != null) mods.add(head);
                    head = x;
                    j++;
                    if (x.possessive() && x.is(Tag.NOUN)) break; // "my dogs' | vaccinations"
                }
                if (head == null || !head.is(Tag.NOUN)) {
                    // no noun: a lone determiner or adjective ("each", "other's", "few")
                    if (head != null && head.is(Tag.ADJ) && !mods.isEmpty() && mods.get(mods.size() - 1).is(Tag.NOUN)) {
                        Token last = mods.remove(mods.size() - 1);
                        items.add(new Item(Kind.NP, new NP(t.subList(i, j), last, det, List.copyOf(mods), false), null, last));
                    } else {
                        items.add(new Item(Kind.OTHER, null, null, tok));
                        j = Math.max(j, i + 1);
                    }
                    i = j;
                    continue;
                }
                items.add(new Item(Kind.NP, new NP(List.copyOf(t.subList(i, j)), head, det, List.copyOf(mods), false), null, head));
                i = j;
            } else if (tag == Tag.VERB || tag == Tag.AUX || tag == Tag.MODAL || tag == Tag.PART && tok.text().equals("to")
                    && i + 1 < t.size() && t.get(i + 1).is(Tag.VERB)) {
                int j = i;
                Token verb = null;
                boolean be = false;
                List<Token> group = new ArrayList<>();
                while (j < t.size()) {
                    Token x = t.get(j);
                    if (x.is(Tag.AUX) || x.is(Tag.MODAL) || x.is(Tag.PART) || x.is(Tag.ADV) && verb == null && j + 1 < t.size()
                            && (t.get(j + 1).is(Tag.VERB) || t.get(j + 1).is(Tag.AUX))) {
                        if (x.is(Tag.AUX) && x.text().matches("is|are|was|were|be|been|being|am|get|gets|got")) be = true;
                        group.add(x);
                        j++;
                        continue;
                    }
                    if (x.is(Tag.VERB)) {
                        // "want to track": the last verb carries the meaning
                        if (verb != null && !(j > 0 && t.get(j - 1).is(Tag.PART))) break;
                        verb = x;
                        group.add(x);
                        j++;
                        continue;
                    }
                    break;
                }
                if (verb == null) {
                    // a bare auxiliary: "is", "have" used as a main verb
                    Token last = group.get(group.size() - 1);
                    items.add(new Item(Kind.VG, null, new VG(group, last, false, null), last));
                    i = j;
                    continue;
                }
                String particle = null;
                if (j < t.size() && t.get(j).is(Tag.ADP) && PARTICLES.contains(t.get(j).text())) {
                    boolean objectFollows = j + 1 < t.size() && (t.get(j + 1).is(Tag.DET) || t.get(j + 1).is(Tag.POSS)
                            || t.get(j + 1).is(Tag.NOUN));
                    if (!objectFollows || t.get(j).text().equals("up")) {
                        particle = t.get(j).text();
                        group.add(t.get(j));
                        j++;
                    }
                }
                boolean passive = be && (verb.text().endsWith("ed") || !verb.text().equals(verb.lemma()) && !verb.text().endsWith("s")
                        && !verb.text().endsWith("ing"));
                items.add(new Item(Kind.VG, null, new VG(List.copyOf(group), verb, passive, particle), verb));
                i = j;
            } else if (tag == Tag.ADP || tag == Tag.PART) {
                items.add(new Item(Kind.PREP, null, null, tok));
                i++;
            } else if (tag == Tag.CCONJ) {
                items.add(new Item(Kind.CONJ, null, null, tok));
                i++;
            } else if (tag == Tag.PUNCT && tok.text().equals(",")) {
                items.add(new Item(Kind.COMMA, null, null, tok));
                i++;
            } else if (tag == Tag.SCONJ) {
                items.add(new Item(Kind.SUB, null, null, tok));
                i++;
            } else {
                items.add(new Item(Kind.OTHER, null, null, tok));
                i++;
            }
        }
        return items;
    }
}
