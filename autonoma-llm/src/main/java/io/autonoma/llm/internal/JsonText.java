package io.autonoma.llm.internal;

/** Pulls the JSON document out of a model answer that may wrap it in prose or a code fence. */
public final class JsonText {
    private JsonText() {}

    /** The outermost JSON object or array in {@code text}, or the stripped text when there is none. */
    public static String extract(String text) {
        if (text == null) {
            return "";
        }
        String t = text.strip();
        int fence = t.indexOf("```");
        if (fence >= 0) {
            int nl = t.indexOf('\n', fence);
            int end = nl < 0 ? -1 : t.indexOf("```", nl);
            if (nl >= 0 && end > nl) {
                t = t.substring(nl + 1, end).strip();
            }
        }
        int obj = t.indexOf('{');
        int arr = t.indexOf('[');
        int start = obj < 0 ? arr : arr < 0 ? obj : Math.min(obj, arr);
        if (start < 0) {
            return t;
        }
        char close = t.charAt(start) == '{' ? '}' : ']';
        int end = t.lastIndexOf(close);
        return end > start ? t.substring(start, end + 1) : t.substring(start);
    }
}
