package org.robust4j.core.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The header dictionary of a {@code .npy} file, a Python literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}, parsed by a small
 * recursive-descent reader for exactly the literals NumPy writes there: strings, booleans,
 * integers (with Python 2's optional {@code L}), tuples and dicts.
 *
 * @param descr the NumPy type string, for example {@code <f4}
 * @param fortranOrder whether the data is column-major
 * @param shape the dimensions ({@code ()} for a scalar)
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape) {

    static NpyHeader parse(Path file, String text) {
        Parser p = new Parser(file, text);
        Object value = p.value();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected text after the header dictionary");
        }
        if (!(value instanceof Map<?, ?> dict)) {
            throw new FileFormatException(file, "the .npy header is not a dictionary: " + text.strip());
        }
        Object descr = dict.get("descr");
        Object fortran = dict.get("fortran_order");
        Object shape = dict.get("shape");
        if (descr == null || fortran == null || shape == null) {
            throw new FileFormatException(file, "the .npy header must have the keys 'descr', 'fortran_order' and 'shape': "
                    + text.strip());
        }
        if (!(descr instanceof String d)) {
            throw new FileFormatException(file, "unsupported descr " + descr
                    + ": only plain numeric dtypes are read (structured dtypes are not)");
        }
        if (!(fortran instanceof Boolean f)) {
            throw new FileFormatException(file, "fortran_order must be True or False, found " + fortran);
        }
        if (!(shape instanceof List<?> dims)) {
            throw new FileFormatException(file, "shape must be a tuple of integers, found " + shape);
        }
        long[] s = new long[dims.size()];
        for (int i = 0; i < s.length; i++) {
            if (!(dims.get(i) instanceof Long v) || v < 0) {
                throw new FileFormatException(file, "shape must be a tuple of non-negative integers, found " + shape);
            }
            s[i] = v;
        }
        return new NpyHeader(d, f, s);
    }

    /** Values: String, Boolean, Long, List (tuple or list), Map (dict), or null for None. */
    private static final class Parser {
        private final Path file;
        private final String s;
        private int pos;

        Parser(Path file, String s) {
            this.file = file;
            this.s = s;
        }

        Object value() {
            skipSpace();
            if (pos >= s.length()) {
                throw error("unexpected end of the header");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{': return dict();
                case '(': return sequence('(', ')');
                case '[': return sequence('[', ']');
                case '\'': case '"': return string();
                default:
                    if (c == '-' || Character.isDigit(c)) {
                        return integer();
                    }
                    return word();
            }
        }

        private Map<String, Object> dict() {
            Map<String, Object> m = new HashMap<>();
            pos++;
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    return m;
                }
                Object key = value();
                if (!(key instanceof String k)) {
                    throw error("dictionary keys must be strings");
                }
                skipSpace();
                expect(':');
                m.put(k, value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> sequence(char open, char close) {
            List<Object> items = new ArrayList<>();
            pos++;
            while (true) {
                skipSpace();
                if (peek() == close) {
                    pos++;
                    return items;
                }
                items.add(value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != close) {
                    throw error("expected ',' or '" + close + "'");
                }
            }
        }

        private String string() {
            char quote = s.charAt(pos++);
            int end = s.indexOf(quote, pos);
            if (end < 0) {
                throw error("unterminated string");
            }
            String v = s.substring(pos, end);
            pos = end + 1;
            return v;
        }

        private Long integer() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            String digits = s.substring(start, pos);
            if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) {
                pos++; // Python 2 long literal
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw error("bad integer '" + digits + "'");
            }
        }

        private Object word() {
            int start = pos;
            while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
                pos++;
            }
            String w = s.substring(start, pos);
            switch (w) {
                case "True": return Boolean.TRUE;
                case "False": return Boolean.FALSE;
                case "None": return null;
                default:
                    pos = start;
                    throw error("unexpected '" + (w.isEmpty() ? String.valueOf(s.charAt(pos)) : w) + "'");
            }
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private char peek() {
            if (pos >= s.length()) {
                throw error("unexpected end of the header");
            }
            return s.charAt(pos);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        FileFormatException error(String what) {
            return new FileFormatException(file, "cannot parse the .npy header at character " + pos + ": " + what
                    + " in " + s.strip());
        }
    }
}
