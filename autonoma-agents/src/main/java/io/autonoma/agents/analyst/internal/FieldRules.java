package io.autonoma.agents.analyst.internal;

import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns field phrases ("a cooking time in minutes", "a status (open, closed)") into fields. */
final class FieldRules {
    private FieldRules() {}

    static final Pattern RANGE = Pattern.compile(
            "(?:(?:on\\s+)?(?:a\\s+)?scale\\s+(?:of|from)\\s+|from\\s+|between\\s+)?(-?\\d{1,9}(?:\\.\\d{1,6})?)\\s*(?:to|-|–|and|\\.\\.)\\s*(-?\\d{1,9}(?:\\.\\d{1,6})?)(?:\\s+stars?|\\s+points?)?");
    private static final Pattern OUT_OF = Pattern.compile("out\\s+of\\s+(\\d{1,9})");
    private static final Pattern UNIT = Pattern.compile(
            "\\s+(?:in|as|measured in)\\s+(minutes|mins|hours|hrs|seconds|secs|days|weeks|months|years|euros?|dollars?|pounds?|usd|eur|gbp|cents|kg|kgs|kilograms?|grams?|g|lbs?|km|kms|kilometres?|kilometers?|miles?|metres?|meters?|litres?|liters?|ml|percent|%)\\b");
    private static final Set<String> TIME_UNITS = Set.of("minutes", "mins", "hours", "hrs", "seconds", "secs", "days", "weeks", "months", "years");
    private static final Set<String> MONEY_UNITS = Set.of("euro", "euros", "dollar", "dollars", "pound", "pounds", "usd", "eur", "gbp");

    private static final Set<String> LEADING_FILLERS = Set.of(
            "a", "an", "the", "its", "their", "his", "her", "my", "our", "your", "some", "one", "each", "every",
            "any", "own", "optional", "required", "mandatory", "unique", "short", "brief", "simple", "single",
            "and", "or", "also", "plus", "then", "with", "have", "has", "having", "including", "include", "includes",
            "as", "well", "possibly", "maybe", "perhaps", "actual", "specific", "distinct", "free",
            "free-text", "free-form", "freeform", "which", "that", "is", "are", "containing", "contains");

    static final Set<String> TEXT_NAMES = Set.of(
            "description", "body", "notes", "note", "instructions", "bio", "biography", "cover_letter", "content",
            "contents", "summary", "comment", "comments", "message", "details", "text", "remarks", "feedback",
            "review", "directions", "steps", "abstract", "answer", "question", "explanation", "reason",
            "resolution", "symptoms", "diagnosis", "treatment", "agenda", "minutes_text", "transcript", "lyrics",
            "story", "synopsis", "overview", "requirements", "responsibilities", "qualifications", "allergies",
            "terms", "observations", "journal", "entry", "reflection", "motivation", "solution", "prescription",
            "ingredients", "method", "recipe", "plot", "caption", "excerpt", "address", "special_requests");
    private static final Set<String> REQUIRED_TEXT = Set.of(
            "body", "content", "message", "instructions", "text", "cover_letter", "question", "answer", "entry",
            "comment", "review", "feedback", "address");
    private static final Set<String> BOOLEAN_WORDS = Set.of(
            "published", "active", "remote", "done", "completed", "complete", "archived", "featured", "paid",
            "verified", "available", "enabled", "visible", "public", "private", "approved", "resolved", "favorite",
            "favourite", "pinned", "read", "urgent", "vegetarian", "vegan", "gluten_free", "confirmed", "cancelled",
            "canceled", "returned", "finished", "sold", "draft", "hidden", "locked", "open", "closed", "flagged",
            "starred", "billable", "recurring", "taxable", "in_stock", "refundable", "accepted", "attended",
            "checked_in", "shipped", "delivered", "signed", "spicy", "halal", "kosher", "organic", "fragile",
            "furnished", "smoking", "pets_allowed", "parking", "insured", "present", "absent", "subscribed");
    private static final Set<String> MONEY_WORDS = Set.of(
            "price", "amount", "fee", "fees", "cost", "costs", "budget", "salary", "total", "balance", "revenue",
            "wage", "payment", "tax", "discount", "deposit", "rent", "income", "spent", "spend", "subtotal",
            "charge", "rate", "fare", "tip", "bid", "donation", "valuation", "profit", "expense",
            "commission", "premium", "allowance", "pay", "paid_amount", "tuition", "cash", "credit", "debit",
            "msrp", "rrp", "mileage_rate", "hourly_rate", "daily_rate", "nightly_rate", "price_per_night");
    private static final Set<String> MEASURE_ANY = Set.of(
            "litres", "liters", "litre", "liter", "gallons", "kg", "kgs", "kilograms", "grams", "km", "kms",
            "kilometres", "kilometers", "miles", "metres", "meters", "odometer", "weight", "distance", "height",
            "temperature", "latitude", "longitude");
    private static final Set<String> MEASURE_WORDS = Set.of(
            "weight", "distance", "height", "width", "length", "depth", "latitude", "longitude", "lat", "lng",
            "lon", "percentage", "percent", "temperature", "size_sqm", "area", "volume", "speed", "pace", "bmi",
            "gpa", "grade_point", "mileage", "odometer", "fuel", "fuel_level", "body_fat", "elevation", "altitude");
    private static final Set<String> INTEGER_WORDS = Set.of(
            "count", "quantity", "qty", "seats", "capacity", "year", "age", "stock", "reps", "repetitions", "sets",
            "pages", "page_count", "floor", "bedrooms", "bathrooms", "rooms", "guests", "points", "minutes",
            "calories", "servings", "level", "rank", "position", "duration", "hours", "days", "score", "goals",
            "credits", "views", "likes", "votes", "stars", "copies", "units", "people", "adults", "children",
            "kids", "attendees", "participants", "spots", "slots", "beds", "size", "party_size", "streak", "laps",
            "steps", "miles_count", "version", "sequence", "sort_order", "priority_number", "number_of_guests",
            "headcount", "players", "episodes", "seasons", "chapters", "tickets", "nights", "weeks", "months",
            "years", "semester", "grade", "mark", "marks", "goal", "target", "limit", "max_participants",
            "episode", "season", "chapter", "track_number", "round", "week", "day_number", "quantity_on_hand");
    private static final Set<String> DURATION_PREFIXES = Set.of(
            "cooking", "cook", "prep", "preparation", "total", "reading", "wait", "waiting", "travel", "response",
            "run", "running", "play", "playing", "screen", "study", "studying", "baking", "rest", "resting",
            "workout", "exercise", "practice", "practise", "sleep", "meditation", "commute", "estimated", "lead",
            "turnaround", "session", "class", "lesson", "walk", "walking", "ride", "riding", "flight");
    private static final Set<String> IDENTIFIER_PREFIXES = Set.of(
            "membership", "invoice", "order", "serial", "account", "employee", "student", "policy", "tracking",
            "registration", "license", "licence", "passport", "case", "ticket", "reference", "booking",
            "reservation", "confirmation", "patient", "member", "customer", "part", "model", "item", "product",
            "vin", "plate", "badge", "national", "social", "tax", "vat", "receipt", "transaction", "loyalty",
            "library", "card", "catalog", "catalogue", "driving", "drivers", "driver", "isbn", "sku", "barcode", "staff", "enrollment", "enrolment",
            "claim", "contract", "quote", "shipment", "asset");
    private static final Set<String> UNIQUE_NAMES = Set.of(
            "sku", "isbn", "barcode", "upc", "ean", "slug", "username", "handle", "vin", "license_plate",
            "licence_plate", "registration_plate", "number_plate", "serial_number", "code", "product_code",
            "issn", "doi", "asin", "imdb_id", "invoice_number", "order_number", "employee_id", "student_id");
    static final Set<String> PERSON_ENTITIES = Set.of(
            "Member", "Customer", "Client", "Contact", "Student", "Patient", "Employee", "Person", "Author",
            "Subscriber", "Teacher", "Doctor", "Guest", "Tenant", "Volunteer", "Player", "Athlete", "Applicant",
            "Candidate", "Attendee", "Participant", "Speaker", "Instructor", "Trainer", "Coach", "Agent",
            "Landlord", "Owner", "Driver", "Staff", "StaffMember", "Lead", "Vendor", "Donor", "Reader", "Profile",
            "Account", "Parent", "Pupil", "Physician", "Dentist", "Therapist", "Nurse", "Worker", "Technician",
            "Freelancer", "Contractor", "Buyer", "Seller", "Host", "Organizer", "Organiser");

    /** Reads one field phrase; empty if it holds nothing usable (fillers only, or too long to be a name). */
    static Optional<DraftField> read(String phraseIn) {
        String phrase = phraseIn.trim().replaceAll("\\s+", " ");
        String p = phrase;
        List<String> enumValues = List.of();
        Boolean required = null;
        boolean unique = false;
        boolean flag = false;
        BigDecimal min = null;
        BigDecimal max = null;
        // parenthesised part: enum values or modifiers
        Matcher paren = Pattern.compile("\\(([^()]*)\\)").matcher(p);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (paren.find()) {
            rest.append(p, last, paren.start()).append(' ');
            last = paren.end();
            String inner = paren.group(1).trim();
            String innerLc = inner.toLowerCase();
            if (innerLc.matches("optional|not required|if any|can be empty|may be empty")) {
                required = false;
            } else if (innerLc.matches("required|mandatory")) {
                required = true;
            } else if (innerLc.matches("unique|must be unique")) {
                unique = true;
            } else if (innerLc.matches("yes\\s*/\\s*no|true\\s*/\\s*false|y\\s*/\\s*n")) {
                flag = true;
            } else {
                Matcher r = RANGE.matcher(innerLc);
                Matcher o = OUT_OF.matcher(innerLc);
                if (r.matches()) {
                    min = new BigDecimal(r.group(1));
                    max = new BigDecimal(r.group(2));
                } else if (o.find()) {
                    min = BigDecimal.ONE;
                    max = new BigDecimal(o.group(1));
                } else {
                    List<String> values = enumValues(inner);
                    if (values.size() >= 2) {
                        enumValues = values;
                    } else if (UNIT.matcher(" " + innerLc).find()) {
                        rest.append(' ').append(innerLc).append(' ');
                    }
                }
            }
        }
        rest.append(p.substring(last));
        p = rest.toString().toLowerCase().replaceAll("\\s+", " ").trim();
        if (p.contains("optional") || p.matches(".*\\b(if any|if known|may be empty|can be empty|not required)\\b.*")) {
            required = false;
        }
        if (p.matches(".*\\bunique\\b.*")) {
            unique = true;
        }
        Matcher r = RANGE.matcher(p);
        if (min == null && r.find()) {
            min = new BigDecimal(r.group(1));
            max = new BigDecimal(r.group(2));
            p = (p.substring(0, r.start()) + " " + p.substring(r.end())).trim();
        }
        Matcher o = OUT_OF.matcher(p);
        if (min == null && o.find()) {
            min = BigDecimal.ONE;
            max = new BigDecimal(o.group(1));
            p = (p.substring(0, o.start()) + " " + p.substring(o.end())).trim();
        }
        // example values are not part of the name: "a total of $100", "a colour like red"
        p = p.replaceAll("\\s+(?:of|=|like|eg|such as|for example)\\s+[$€£]?\\s*\\d.*$", "").trim();
        String unit = null;
        Matcher u = UNIT.matcher(" " + p);
        if (u.find()) {
            unit = u.group(1);
            p = (" " + p).substring(0, u.start()).trim();
        }
        p = p.replace("e-mail", "email").replace("web site", "website").replace("'s ", " ").replace("’s ", " ")
                .replaceAll("\\b(email|e mail) address\\b", "email").replaceAll("\\bmail address\\b", "email");
        List<String> words = new ArrayList<>(Arrays.asList(p.split("[^a-z0-9_]+")));
        words.removeIf(String::isEmpty);
        boolean count = false;
        while (!words.isEmpty() && LEADING_FILLERS.contains(words.get(0))) {
            words.remove(0);
        }
        // "number of seats" → seats; "whether it is done" → done
        if (words.size() >= 3 && words.get(0).equals("number") && words.get(1).equals("of")) {
            words = new ArrayList<>(words.subList(2, words.size()));
            count = true;
        } else if (words.size() >= 2 && (words.get(0).equals("whether") || words.get(0).equals("if"))) {
            words = new ArrayList<>(words.subList(1, words.size()));
            words.removeIf(w -> Set.of("it", "is", "the", "they", "are", "was", "has", "been", "a", "an").contains(w));
            flag = true;
        }
        while (!words.isEmpty() && (words.get(words.size() - 1).equals("flag") || words.get(words.size() - 1).equals("field")
                || words.get(words.size() - 1).equals("checkbox") || words.get(words.size() - 1).equals("toggle")
                || words.get(words.size() - 1).equals("boolean") || words.get(words.size() - 1).equals("etc"))) {
            String w = words.remove(words.size() - 1);
            if (!w.equals("field") && !w.equals("etc")) flag = true;
        }
        words.removeIf(w -> w.equals("optional") || w.equals("unique") || w.equals("required"));
        while (!words.isEmpty() && Set.of("of", "for", "to", "in", "on", "at", "by", "with", "and", "or", "the", "a", "an",
                "per", "from", "as").contains(words.get(words.size() - 1))) {
            words.remove(words.size() - 1);
        }
        if (words.isEmpty() || words.size() > 4 || words.stream().allMatch(Lexicon.FILLER::contains)
                || words.get(0).matches("\\d+")) {
            return Optional.empty();
        }
        if (words.stream().anyMatch(w -> Set.of("that", "which", "who", "when", "where", "because", "so", "is", "are",
                "will", "can", "should", "must", "be", "it", "they", "them").contains(w))) {
            return Optional.empty();
        }
        String name = String.join("_", words);
        if (name.length() > 60) return Optional.empty();
        if (Character.isDigit(name.charAt(0))) name = "n_" + name;
        DraftField f = new DraftField(name, phrase);
        f.enumValues = new ArrayList<>(enumValues);
        f.required = required;
        f.unique = unique;
        f.flag = flag;
        f.count = count;
        f.min = min;
        f.max = max;
        f.unit = unit;
        return Optional.of(f);
    }

    /** "low, medium or high" → [low, medium, high]; values snake_case; duplicates dropped. */
    static List<String> enumValues(String inner) {
        String s = inner.toLowerCase().replaceAll("\\b(e\\.?g\\.?|i\\.?e\\.?|such as|like|etc\\.?|either|one of)\\b", " ")
                .replaceAll("[\"'`‘’“”]", "");
        String[] parts = s.split("\\s*(?:,|/|\\||;|\\bor\\b|\\band\\b)\\s*");
        Set<String> out = new LinkedHashSet<>();
        for (String part : parts) {
            String v = Inflector.snake(List.of(part.trim()));
            if (v.isEmpty()) continue;
            if (v.split("_").length > 4 || !Character.isLetter(v.charAt(0))) return List.of();
            out.add(v.length() > 60 ? v.substring(0, 60) : v);
        }
        return new ArrayList<>(out);
    }

    /** Settles type, bounds, required and unique of a draft field on the given entity. */
    static Field toField(DraftField d, String entity) {
        String n = d.name;
        String lastWord = n.contains("_") ? n.substring(n.lastIndexOf('_') + 1) : n;
        String firstWord = n.contains("_") ? n.substring(0, n.indexOf('_')) : n;
        FieldType type;
        BigDecimal min = null;
        BigDecimal max = null;
        String defaultValue = null;
        Integer maxLength = null;
        boolean required = true;
        boolean unique = d.unique;
        if (!d.enumValues.isEmpty()) {
            type = FieldType.ENUM;
            defaultValue = d.enumValues.get(0);
        } else if (d.flag || n.startsWith("is_") || n.startsWith("has_") || n.startsWith("can_")
                || BOOLEAN_WORDS.contains(n)) {
            type = FieldType.BOOLEAN;
            defaultValue = "false";
        } else if (n.equals("email") || lastWord.equals("email")) {
            type = FieldType.EMAIL;
            maxLength = 254;
        } else if (Set.of("phone", "mobile", "telephone", "tel", "cell", "fax", "cellphone").contains(lastWord)
                || n.startsWith("phone") || n.equals("phone_number") || n.equals("mobile_number") || n.equals("contact_number")) {
            type = FieldType.PHONE;
            maxLength = 32;
        } else if (Set.of("website", "url", "link", "homepage", "site", "linkedin", "github", "portfolio").contains(lastWord)
                || Set.of("image", "photo", "avatar", "logo", "picture", "thumbnail", "cover", "video", "attachment").contains(n)
                || n.endsWith("_url") || n.endsWith("_link") || n.endsWith("_image") || n.endsWith("_photo")) {
            type = FieldType.URL;
            maxLength = 2048;
        } else if (d.unit != null && TIME_UNITS.contains(d.unit)) {
            type = FieldType.INTEGER;
            min = BigDecimal.ZERO;
        } else if (d.unit != null) {
            type = FieldType.DECIMAL;
            min = BigDecimal.ZERO;
        } else if (n.equals("date") || lastWord.equals("date") || lastWord.equals("day") || n.equals("birthday")
                || n.equals("dob") || n.equals("deadline") || n.equals("due") || n.equals("date_of_birth")
                || n.startsWith("date_") || lastWord.equals("on") || n.equals("birth_date")) {
            type = FieldType.DATE;
            if (n.equals("due")) n = "due_date";
        } else if (lastWord.equals("time") && DURATION_PREFIXES.contains(firstWord)) {
            type = FieldType.INTEGER;
            min = BigDecimal.ZERO;
        } else if (lastWord.equals("at") || lastWord.equals("time") || n.equals("datetime") || n.equals("timestamp")
                || lastWord.equals("datetime") || n.equals("starts") || n.equals("ends") || n.equals("when")
                || n.equals("start") || n.equals("end") || n.equals("appointment") || n.equals("slot")) {
            type = FieldType.DATETIME;
        } else if (n.equals("duration") || lastWord.equals("minutes") || lastWord.equals("hours") || lastWord.equals("duration")
                || lastWord.equals("mins") || lastWord.equals("seconds")) {
            type = FieldType.INTEGER;
            min = BigDecimal.ZERO;
        } else if (n.equals("rating") || lastWord.equals("rating")) {
            type = FieldType.INTEGER;
            min = BigDecimal.ONE;
            max = BigDecimal.valueOf(5);
        } else if (MONEY_WORDS.contains(n) || MONEY_WORDS.contains(lastWord) || firstWord.equals("price")
                || n.startsWith("price_") || n.startsWith("cost_") || n.endsWith("_price") || n.endsWith("_cost")) {
            type = FieldType.DECIMAL;
            min = BigDecimal.ZERO;
        } else if (MEASURE_WORDS.contains(n) || MEASURE_WORDS.contains(lastWord)
                || Arrays.stream(n.split("_")).anyMatch(MEASURE_ANY::contains)) {
            type = FieldType.DECIMAL;
            if (!Set.of("latitude", "longitude", "lat", "lng", "lon", "temperature", "elevation", "altitude").contains(lastWord)) {
                min = BigDecimal.ZERO;
            }
        } else if (d.count || INTEGER_WORDS.contains(n) || INTEGER_WORDS.contains(lastWord) || n.startsWith("number_of_")
                || n.startsWith("years_of_") || n.startsWith("hours_of_") || n.startsWith("days_of_")
                || n.startsWith("num_") || n.endsWith("_count")) {
            type = FieldType.INTEGER;
            if (Set.of("seats", "capacity", "servings", "guests", "party_size", "adults", "nights", "headcount",
                    "copies", "max_participants").contains(n)) {
                min = BigDecimal.ONE;
            } else if (lastWord.equals("year")) {
                min = BigDecimal.valueOf(1);
                max = BigDecimal.valueOf(9999);
            } else {
                min = BigDecimal.ZERO;
            }
        } else if (TEXT_NAMES.contains(n) || TEXT_NAMES.contains(lastWord) && !n.endsWith("_name")) {
            type = FieldType.TEXT;
            required = REQUIRED_TEXT.contains(n);
        } else {
            type = FieldType.STRING;
            maxLength = Set.of("name", "title", "subject", "headline", "label").contains(lastWord) ? 200 : 255;
            if (UNIQUE_NAMES.contains(n) || lastWord.equals("number")
                    && Arrays.stream(n.split("_")).anyMatch(IDENTIFIER_PREFIXES::contains)
                    || n.equals("isbn") || n.equals("sku")) {
                unique = true;
                maxLength = 64;
            }
        }
        if (d.min != null) {
            // an explicit range ("from 1 to 5") bounds numbers and makes an untyped field a number
            boolean fractional = d.min.scale() > 0 || (d.max != null && d.max.scale() > 0);
            if (type == FieldType.STRING || type == FieldType.TEXT) {
                type = fractional ? FieldType.DECIMAL : FieldType.INTEGER;
                maxLength = null;
                unique = d.unique;
            } else if (type == FieldType.INTEGER && fractional) {
                type = FieldType.DECIMAL;
            }
            if (type == FieldType.INTEGER || type == FieldType.DECIMAL) {
                min = d.min;
                max = d.max;
            }
        }
        if (type == FieldType.EMAIL && PERSON_ENTITIES.contains(entity)) {
            unique = true;
        }
        if (type == FieldType.PHONE || type == FieldType.URL) {
            required = false;
        }
        if (type == FieldType.DATE && Set.of("return", "end", "completed", "closed", "finished", "paid", "due",
                "expiry", "expiration", "resolved", "shipped", "delivered", "returned", "cancelled", "checkout",
                "check_out", "last", "next", "discharge", "graduation", "termination", "birth", "birthday").contains(firstWord)) {
            required = false;
        }
        if (type == FieldType.DATE && (n.equals("birthday") || n.equals("date_of_birth") || n.equals("dob"))) {
            required = false;
        }
        if (type == FieldType.DATETIME && Set.of("end", "ends", "finished", "completed", "closed", "resolved",
                "returned", "cancelled", "check_out", "checkout").contains(firstWord)) {
            required = false;
        }
        if (d.required != null) {
            required = d.required;
        }
        if (type == FieldType.INTEGER && min != null && max != null && min.compareTo(max) > 0) {
            BigDecimal t = min;
            min = max;
            max = t;
        }
        return new Field(n, type, required, unique, defaultValue, type == FieldType.ENUM ? d.enumValues : null,
                maxLength, min, max, null);
    }
}
