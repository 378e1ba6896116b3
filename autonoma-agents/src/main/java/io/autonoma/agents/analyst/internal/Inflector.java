package io.autonoma.agents.analyst.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** English singular/plural and identifier casing, good enough for nouns found in app prompts. */
public final class Inflector {
    private static final Map<String, String> IRREGULAR = Map.ofEntries(
            Map.entry("people", "person"), Map.entry("children", "child"), Map.entry("men", "man"),
            Map.entry("women", "woman"), Map.entry("mice", "mouse"), Map.entry("geese", "goose"),
            Map.entry("feet", "foot"), Map.entry("teeth", "tooth"), Map.entry("criteria", "criterion"),
            Map.entry("analyses", "analysis"), Map.entry("diagnoses", "diagnosis"), Map.entry("theses", "thesis"),
            Map.entry("lives", "life"), Map.entry("knives", "knife"), Map.entry("wives", "wife"),
            Map.entry("leaves", "leaf"), Map.entry("shelves", "shelf"), Map.entry("halves", "half"),
            Map.entry("wolves", "wolf"), Map.entry("loaves", "loaf"), Map.entry("thieves", "thief"),
            Map.entry("calves", "calf"), Map.entry("indices", "index"), Map.entry("matrices", "matrix"),
            Map.entry("vertices", "vertex"), Map.entry("quizzes", "quiz"), Map.entry("buses", "bus"),
            Map.entry("statuses", "status"), Map.entry("campuses", "campus"), Map.entry("bonuses", "bonus"),
            Map.entry("viruses", "virus"), Map.entry("aliases", "alias"), Map.entry("canvases", "canvas"),
            Map.entry("shoes", "shoe"), Map.entry("toes", "toe"), Map.entry("movies", "movie"),
            Map.entry("cookies", "cookie"), Map.entry("pies", "pie"), Map.entry("ties", "tie"),
            Map.entry("lies", "lie"), Map.entry("zombies", "zombie"), Map.entry("calories", "calorie"),
            Map.entry("species", "species"), Map.entry("series", "series"), Map.entry("news", "news"),
            Map.entry("data", "data"), Map.entry("media", "media"), Map.entry("sheep", "sheep"),
            Map.entry("fish", "fish"), Map.entry("equipment", "equipment"), Map.entry("staff", "staff"),
            Map.entry("courses", "course"), Map.entry("horses", "horse"), Map.entry("houses", "house"),
            Map.entry("expenses", "expense"), Map.entry("licenses", "license"), Map.entry("licences", "licence"),
            Map.entry("responses", "response"), Map.entry("purchases", "purchase"), Map.entry("cases", "case"),
            Map.entry("databases", "database"), Map.entry("releases", "release"), Map.entry("phases", "phase"),
            Map.entry("bases", "base"), Map.entry("uses", "use"), Map.entry("causes", "cause"),
            Map.entry("clauses", "clause"), Map.entry("nurses", "nurse"), Map.entry("warehouses", "warehouse"),
            Map.entry("enterprises", "enterprise"), Map.entry("exercises", "exercise"), Map.entry("promises", "promise"),
            Map.entry("noses", "nose"), Map.entry("roses", "rose"), Map.entry("doses", "dose"),
            Map.entry("verses", "verse"), Map.entry("invoices", "invoice"), Map.entry("prices", "price"),
            Map.entry("services", "service"), Map.entry("devices", "device"), Map.entry("offices", "office"),
            Map.entry("pieces", "piece"), Map.entry("places", "place"), Map.entry("spaces", "space"),
            Map.entry("sources", "source"), Map.entry("resources", "resource"), Map.entry("races", "race"),
            Map.entry("voices", "voice"), Map.entry("choices", "choice"), Map.entry("practices", "practice"),
            Map.entry("sizes", "size"), Map.entry("prizes", "prize"), Map.entry("axes", "axis"),
            Map.entry("moves", "move"), Map.entry("drives", "drive"), Map.entry("archives", "archive"),
            Map.entry("curves", "curve"), Map.entry("reserves", "reserve"), Map.entry("gloves", "glove"),
            Map.entry("stoves", "stove"), Map.entry("objectives", "objective"), Map.entry("olives", "olive"),
            Map.entry("detectives", "detective"), Map.entry("representatives", "representative"),
            Map.entry("employees", "employee"), Map.entry("attendees", "attendee"), Map.entry("trainees", "trainee"),
            Map.entry("fees", "fee"), Map.entry("trees", "tree"), Map.entry("degrees", "degree"),
            Map.entry("coffees", "coffee"), Map.entry("committees", "committee"), Map.entry("guarantees", "guarantee"),
            Map.entry("apartments", "apartment"), Map.entry("check_ins", "check_in"), Map.entry("checkins", "checkin"));
    private static final Set<String> SINGULAR_S = Set.of(
            "status", "address", "class", "business", "news", "series", "analysis", "basis", "bus", "campus",
            "canvas", "gas", "glass", "process", "progress", "access", "success", "boss", "loss", "kudos", "bonus",
            "virus", "census", "atlas", "alias", "iris", "axis", "thesis", "diagnosis", "species", "alumnus",
            "this", "is", "was", "has", "yes", "its", "his", "bias", "chess", "dress", "mass", "pass", "press",
            "stress", "fitness", "wellness", "gps", "sms", "os", "less", "plus", "minus", "us", "focus", "genus", "lens", "tennis", "physics", "maths", "mathematics", "economics", "athletics", "gymnastics",
            "logistics", "analytics", "ethics", "electronics", "billiards", "mumps", "means", "whereabouts",
            "thanks", "christmas", "texas", "paris", "always", "perhaps", "across", "towards", "afterwards");

    private Inflector() {}

    public static boolean isPlural(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (IRREGULAR.containsKey(w)) {
            return !IRREGULAR.get(w).equals(w) || w.equals("data") || w.equals("staff") || w.equals("people");
        }
        return !singular(w).equals(w);
    }

    /** Singular of a lower-case English noun ("categories" → "category"). */
    public static String singular(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (IRREGULAR.containsKey(w)) return IRREGULAR.get(w);
        if (w.length() < 3 || SINGULAR_S.contains(w) || !w.endsWith("s") || w.endsWith("ss") || w.endsWith("us")
                || w.endsWith("is") || w.endsWith("ous")) {
            return w;
        }
        if (w.endsWith("ies") && w.length() > 4) return w.substring(0, w.length() - 3) + "y";
        if (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("zes") || w.endsWith("ches") || w.endsWith("shes")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.endsWith("oes") && w.length() > 4) return w.substring(0, w.length() - 2);
        if (w.endsWith("uses")) return w.substring(0, w.length() - 2);
        return w.substring(0, w.length() - 1);
    }

    /** Plural of a lower-case English noun, following the generated-app contract. */
    public static String plural(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : IRREGULAR.entrySet()) {
            if (e.getValue().equals(w) && !e.getKey().equals(w)) return e.getKey();
        }
        if (w.endsWith("y") && w.length() > 1 && "aeiou".indexOf(w.charAt(w.length() - 2)) < 0) {
            return w.substring(0, w.length() - 1) + "ies";
        }
        if (w.endsWith("s") || w.endsWith("x") || w.endsWith("z") || w.endsWith("ch") || w.endsWith("sh")) {
            return w + "es";
        }
        return w + "s";
    }

    /** Words ("purchase", "order") → "PurchaseOrder". */
    public static String pascal(List<String> words) {
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            for (String part : w.split("[^A-Za-z0-9]+")) {
                if (part.isEmpty()) continue;
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return b.toString();
    }

    /** Words → "snake_case", dropping anything that is not a letter or digit. */
    public static String snake(List<String> words) {
        List<String> parts = new ArrayList<>();
        for (String w : words) {
            for (String part : w.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
                if (!part.isEmpty()) parts.add(part);
            }
        }
        return String.join("_", parts);
    }

    /** "PurchaseOrder" → "purchase_order". */
    public static String snakeOfPascal(String pascal) {
        return pascal.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
