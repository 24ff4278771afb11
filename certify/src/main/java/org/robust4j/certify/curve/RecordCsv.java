package org.robust4j.certify.curve;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;

/**
 * Per-sample records as CSV: one column per record component, named in snake_case
 * ({@code pALower -> p_a_lower}), numbers in full precision, enums in lower case.
 */
public final class RecordCsv {
    private RecordCsv() {}

    public static String write(List<? extends Record> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        RecordComponent[] cols = rows.get(0).getClass().getRecordComponents();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cols.length; i++) {
            sb.append(i == 0 ? "" : ",").append(snake(cols[i].getName()));
        }
        sb.append('\n');
        for (Record r : rows) {
            for (int i = 0; i < cols.length; i++) {
                sb.append(i == 0 ? "" : ",").append(format(value(cols[i], r)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static Object value(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("RecordCsv: cannot read " + c.getName() + " of " + r.getClass().getName(), e);
        }
    }

    private static String format(Object v) {
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(v);
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
    }
}
