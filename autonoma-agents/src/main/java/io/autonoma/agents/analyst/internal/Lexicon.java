package io.autonoma.agents.analyst.internal;

import java.util.Map;
import java.util.Set;

/** Word lists the rule-based analyst reads prompts with. */
final class Lexicon {
    private Lexicon() {}

    static final Set<String> DETERMINERS = Set.of(
            "a", "an", "the", "each", "every", "all", "their", "its", "his", "her", "my", "our", "your", "some",
            "any", "one", "which", "whose", "this", "that", "these", "those", "own", "many", "multiple", "several",
            "various", "few", "more", "other", "both", "zero", "no");

    /** Adjectives dropped from entity names ("daily habits" → Habit). */
    static final Set<String> ENTITY_ADJECTIVES = Set.of(
            "new", "simple", "small", "big", "large", "personal", "current", "various", "different", "multiple",
            "several", "many", "related", "individual", "existing", "upcoming", "past", "recent", "favorite",
            "favourite", "daily", "weekly", "monthly", "online", "local", "basic", "main", "custom", "single",
            "specific", "given", "certain", "own", "few", "more", "other", "all", "any", "some", "shared",
            "public", "private", "optional", "possible", "available", "relevant", "actual", "real", "future");

    /** Words that end a noun phrase. */
    static final Set<String> FUNCTION_WORDS = Set.of(
            "with", "for", "of", "to", "in", "on", "at", "by", "from", "and", "or", "that", "which", "who", "where",
            "when", "whose", "while", "whereas", "but", "so", "as", "into", "about", "per", "under", "over", "via",
            "within", "between", "across", "through", "after", "before", "during", "without", "like", "than",
            "can", "may", "will", "should", "must", "could", "would", "shall", "might", "is", "are", "was", "were",
            "be", "been", "being", "do", "does", "did", "have", "has", "had", "having", "not", "also", "then",
            "there", "here", "if", "else", "either", "neither", "nor", "how", "what", "why", "it", "they", "them",
            "we", "i", "you", "he", "she", "me", "us", "including", "include", "includes", "containing", "contain",
            "contains", "plus", "too", "etc", "each", "every", "such", "just", "only", "very", "really", "always",
            "never", "often", "both", "let", "lets", "allow", "allows", "want", "wants", "need", "needs");

    /** Verbs after which the list that follows describes the subject's fields. */
    static final Set<String> HAVE_WORDS = Set.of(
            "have", "has", "having", "with", "contain", "contains", "containing", "include", "includes",
            "including", "hold", "holds", "store", "stores", "record", "records", "keep", "keeps", "track",
            "tracks", "need", "needs", "get", "gets", "carry", "carries", "list", "lists", "feature", "features",
            "consist", "consists", "comprise", "comprises", "possess", "show", "shows", "capture", "captures",
            "require", "requires", "come", "comes");

    static final Set<String> MODALS = Set.of(
            "can", "may", "will", "should", "must", "could", "would", "shall", "might", "also", "to", "able", "be",
            "are", "is", "get", "want", "wants", "need", "needs", "like", "likes", "usually", "often", "sometimes",
            "always", "then", "just", "both", "all", "each", "every");

    /** Verbs whose object is a thing the app stores (users keep tasks, authors write posts). */
    static final Set<String> LIGHT_VERBS = Set.of(
            "keep", "write", "leave", "create", "add", "post", "place", "make", "manage", "track", "log", "record",
            "store", "submit", "upload", "publish", "share", "own", "maintain", "list", "send", "organise",
            "organize", "plan", "schedule", "run", "sell", "offer", "save", "collect", "catalog", "catalogue",
            "enter", "set", "define", "handle", "file", "raise", "open", "report", "issue", "assign", "host",
            "draft", "build", "design", "edit", "monitor", "register", "hold",
            "give", "take", "teach", "treat", "prescribe", "dispatch", "ship", "deliver", "stock", "supply",
            "provide", "perform", "do", "complete", "finish", "have", "contain", "include", "capture", "note",
            "jot", "bookmark", "rent", "lease", "drive", "employ", "hire", "invite", "accept", "receive",
            "grow", "plant", "cook", "prepare", "serve", "study", "learn", "read", "watch", "play", "attend",
            "visit", "compose", "sign", "join", "draw", "invoice", "bill", "charge", "quote", "estimate",
            "mark");

    /** Verbs whose act is itself the stored thing (attendees book → Booking). */
    static final Map<String, String> NOMINAL_VERBS = Map.ofEntries(
            Map.entry("book", "booking"), Map.entry("rate", "rating"), Map.entry("review", "review"),
            Map.entry("apply", "application"), Map.entry("borrow", "loan"), Map.entry("reserve", "reservation"),
            Map.entry("enroll", "enrollment"), Map.entry("enrol", "enrolment"), Map.entry("subscribe", "subscription"),
            Map.entry("vote", "vote"), Map.entry("comment", "comment"), Map.entry("order", "order"),
            Map.entry("buy", "purchase"), Map.entry("purchase", "purchase"), Map.entry("pay", "payment"),
            Map.entry("donate", "donation"), Map.entry("bid", "bid"), Map.entry("check in", "check in"),
            Map.entry("check-in", "check in"), Map.entry("checkin", "check in"), Map.entry("rsvp", "rsvp"),
            Map.entry("sign up", "registration"), Map.entry("favorite", "favorite"), Map.entry("favourite", "favourite"),
            Map.entry("like", "like"), Map.entry("follow", "follow"), Map.entry("answer", "answer"),
            Map.entry("reply", "reply"), Map.entry("respond", "response"), Map.entry("complain", "complaint"),
            Map.entry("request", "request"), Map.entry("tip", "tip"), Map.entry("grade", "grade"),
            Map.entry("score", "score"), Map.entry("transfer", "transfer"), Map.entry("deposit", "deposit"),
            Map.entry("withdraw", "withdrawal"), Map.entry("message", "message"), Map.entry("lend", "loan"),
            Map.entry("rent", "rental"), Map.entry("lease", "lease"), Map.entry("upvote", "vote"), Map.entry("downvote", "vote"));

    /** Verbs that describe behaviour, not stored data ("the app shows the current streak"). */
    static final Set<String> IGNORED_VERBS = Set.of(
            "show", "see", "view", "display", "calculate", "compute", "notify", "remind", "alert", "search",
            "filter", "sort", "browse", "export", "import", "print", "login", "log-in", "sign", "signin", "use",
            "support", "let", "allow", "want", "wish", "find", "explore", "discover", "compare", "chart", "graph",
            "visualise", "visualize", "summarise", "summarize", "email", "text", "call", "look", "check",
            "understand", "know", "help", "love", "enjoy", "go", "come", "become", "stay", "seem", "feel", "think");

    /** Nouns that stand for the app's own users; they map to the built-in User unless given fields. */
    static final Set<String> USER_WORDS = Set.of(
            "user", "users", "people", "person", "author", "authors", "reader", "readers", "attendee", "attendees",
            "candidate", "candidates", "member", "members", "visitor", "visitors", "guest", "guests", "admin",
            "admins", "administrator", "administrators", "owner", "owners", "everyone", "anyone", "someone",
            "somebody", "anybody", "everybody", "staff", "viewer", "viewers", "subscriber", "subscribers",
            "participant", "participants", "follower", "followers", "i", "we", "you", "they", "he", "she", "it",
            "customer", "customers", "client", "clients", "buyer", "buyers", "seller", "sellers", "shopper",
            "shoppers", "player", "players", "manager", "managers", "employee", "employees", "volunteer",
            "volunteers", "student", "students", "teacher", "teachers", "patient", "patients", "doctor", "doctors",
            "agent", "agents", "moderator", "moderators", "editor", "editors", "writer", "writers", "blogger",
            "bloggers", "app", "application", "site", "website", "system", "platform", "tool", "service",
            "parent", "parents", "kid", "kids", "friend", "friends", "family", "families", "colleague", "colleagues",
            "coach", "coaches", "trainer", "trainers", "athlete", "athletes", "freelancer", "freelancers",
            "landlord", "landlords", "tenant", "tenants", "host", "hosts", "traveller", "travellers", "traveler",
            "travelers", "diner", "diners", "recruiter", "recruiters", "applicant", "applicants", "company",
            "companies", "business", "businesses", "organisation", "organization", "organisations", "organizations",
            "shop", "store", "restaurant", "school", "clinic", "hotel", "gym", "bakery", "cafe", "library", "listener",
            "listeners", "fan", "fans", "learner", "learners", "patron", "patrons", "resident", "residents", "worker",
            "workers", "me", "us", "them");

    /** Of {@link #USER_WORDS}, those that are data in their own right when something else refers to them. */
    static final Set<String> DATA_WHEN_REFERENCED = Set.of(
            "company", "customer", "client", "student", "teacher", "patient", "doctor", "employee", "member",
            "business", "organisation", "organization", "tenant", "landlord", "player", "athlete", "volunteer",
            "agent", "applicant", "candidate", "author", "shop", "store", "restaurant", "school", "clinic", "hotel",
            "gym", "library", "host", "coach", "trainer", "family", "friend", "parent", "kid", "seller", "buyer");

    /** People shared between many owners: "each talk has multiple speakers" is many-to-many. */
    static final Set<String> SHARED_PEOPLE = Set.of(
            "speaker", "author", "actor", "artist", "instructor", "teacher", "participant", "attendee", "member",
            "guest", "player", "contributor", "reviewer", "assignee", "collaborator", "volunteer", "performer",
            "musician", "presenter", "panelist", "student", "trainer", "coach", "host", "organizer", "organiser");

    /** Subjects of a verb that become entities themselves ("companies post jobs" → Company). */
    static final Set<String> SUBJECT_DATA = Set.of(
            "company", "business", "organisation", "organization", "shop", "store", "restaurant", "school", "clinic",
            "hotel", "gym", "library", "customer", "client", "vendor", "supplier", "agency", "brand", "department",
            "venue", "landlord", "employer", "publisher", "manufacturer", "partner", "charity", "university");

    /** Words never to name an entity after. */
    static final Set<String> NOT_ENTITIES = Set.of(
            "app", "apps", "application", "site", "website", "system", "platform", "tool", "service", "thing",
            "things", "stuff", "data", "info", "information", "details", "detail", "way", "ways", "time", "day",
            "days", "lot", "lots", "list", "lists", "dashboard", "page", "pages", "screen", "screens", "feature",
            "features", "option", "options", "ability",
            "seat", "seats", "rent", "rents", "spot", "spots", "slot", "slots", "money", "progress", "streak",
            "streaks", "total", "totals", "summary", "summaries", "chart", "charts", "stats",
            "statistics", "overview", "history", "login", "password", "passwords",
            "something", "anything", "everything", "nothing", "one", "ones", "it", "them", "this", "that",
            "a", "an", "the", "and", "or", "of", "sure", "able", "use", "name", "names",
            "date", "dates", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute", "minutes",
            "scale", "star", "stars", "number", "numbers", "amount", "amounts", "management", "tracking", "crm", "entities", "entity",
            "database", "form", "forms", "field", "fields", "type", "types", "kind", "kinds",
            "admin", "auth");

    /** Objects of a booking-like verb that are not things of their own ("attendees book tickets"). */
    static final Set<String> VERB_OBJECT_FILLERS = Set.of(
            "ticket", "tickets", "seat", "seats", "spot", "spots", "place", "places", "slot", "slots", "time", "times",
            "item", "items", "thing", "things", "it", "them", "one", "ones", "something", "stuff");

    /** Plural nouns that are a field of their owner, not a related entity ("instructions", "notes"). */
    static final Set<String> FIELD_PLURALS = Set.of(
            "instructions", "notes", "details", "directions", "remarks", "contents", "requirements", "steps",
            "comments_text", "minutes", "hours", "days", "calories", "servings", "seats", "guests", "reps", "sets",
            "pages", "points", "goals", "credits", "bedrooms", "bathrooms", "rooms", "floors", "miles", "kilometres",
            "kilometers", "kms", "wins", "losses", "views", "likes", "votes", "stars", "years", "months", "weeks",
            "spaces", "places", "beds", "people", "adults", "kids", "children", "participants", "attendees",
            "symptoms", "allergies", "ingredients_text", "keywords", "specifications", "specs", "benefits",
            "responsibilities", "qualifications", "terms", "lyrics", "credentials", "hobbies", "interests",
            "dimensions", "measurements", "coordinates", "earnings", "savings", "expenses_total", "sales",
            "units", "copies", "items_count", "tags_text", "links", "photos", "images", "attachments", "pictures");

    /** Things many others share: "posts have tags" is many-to-many. */
    static final Set<String> TAG_LIKE = Set.of(
            "tag", "label", "skill", "genre", "topic", "keyword", "amenity", "interest", "hashtag", "category",
            "feature", "ingredient_tag", "cuisine", "allergen", "language", "platform");

    /** Nouns that describe the app itself; the words before them name it. */
    static final Set<String> APP_WORDS = Set.of(
            "app", "application", "tool", "system", "site", "website", "platform", "portal", "tracker", "board",
            "crm", "manager", "dashboard", "service", "blog", "software", "program", "webapp", "marketplace",
            "directory", "catalog", "catalogue", "planner", "journal", "diary", "log", "logbook", "organiser",
            "organizer", "store", "shop", "management", "erp", "helpdesk", "wiki", "forum", "api", "backend",
            "database", "registry", "inventory", "scheduler", "desk", "hub", "club", "community", "network",
            "library", "archive", "tracking");

    /** Prepositions that link a thing to the entity it belongs to ("comments on posts"). */
    static final Set<String> LINK_PREPOSITIONS = Set.of(
            "on", "for", "to", "of", "at", "in", "from", "under", "per", "about", "within", "against", "by", "into");

    /** Relation verbs ("that belong to a supplier", "that work at a company"). */
    static final Set<String> RELATION_VERBS = Set.of(
            "belong", "belongs", "belonging", "work", "works", "working", "linked", "link", "links", "attached",
            "tied", "assigned", "related", "connected", "associated", "reference", "references", "referencing",
            "point", "points", "refer", "refers", "connect", "connects", "join", "joins", "pair", "pairs", "relate", "relates", "part", "made", "placed", "sent", "owned",
            "written", "created", "filed", "logged", "booked", "issued", "borrowed", "done", "taken", "held",
            "stored", "kept", "listed", "located", "based", "employed", "go", "goes");

    /** Generic fillers that never make a field. */
    static final Set<String> FILLER = Set.of(
            "a", "an", "the", "and", "or", "of", "etc", "so", "on", "more", "others", "other", "things", "stuff",
            "such", "as", "well", "also", "too", "plus", "its", "their", "his", "her", "my", "our", "your", "some",
            "any", "each", "every", "one", "own", "that", "this", "these", "those", "with", "which", "who", "it",
            "them", "eg", "ie", "like", "similar", "something", "anything", "everything", "nothing", "else");
}
