package org.robust4j.spark.io;

import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Java record class as a Spark table: one column per component (nullable only for strings and enums), named in snake_case
 * as in every file robust4j writes ({@code pALower -> p_a_lower}); enums are stored by lower-case
 * name. Supports the component types per-item records use: {@code long, int, double, float,
 * boolean, String} and enums.
 */
public final class RecordRows<R extends Record> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Class<R> type;
    private transient RecordComponent[] components;

    private RecordRows(Class<R> type) {
        this.type = type;
    }

    public static <R extends Record> RecordRows<R> of(Class<R> type) {
        RecordRows<R> r = new RecordRows<>(type);
        for (RecordComponent c : r.components()) {
            sparkType(type, c); // fails now for an unsupported component
        }
        return r;
    }

    public Class<R> type() {
        return type;
    }

    private RecordComponent[] components() {
        if (components == null) {
            components = type.getRecordComponents();
        }
        return components;
    }

    public StructType schema() {
        List<StructField> fields = new ArrayList<>();
        for (RecordComponent c : components()) {
            fields.add(DataTypes.createStructField(snake(c.getName()), sparkType(type, c), !c.getType().isPrimitive()));
        }
        return DataTypes.createStructType(fields);
    }

    /** The column holding the item index (the component named {@code index}). */
    public static String indexColumn() {
        return "index";
    }

    public Row toRow(R record) {
        RecordComponent[] cs = components();
        Object[] values = new Object[cs.length];
        for (int i = 0; i < cs.length; i++) {
            Object v;
            try {
                v = cs[i].getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("RecordRows: cannot read " + cs[i].getName() + " of " + type.getName(), e);
            }
            values[i] = v instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : v;
        }
        return RowFactory.create(values);
    }

    /** Reads a row by column name, so the Parquet column order does not matter. */
    public R fromRow(Row row) {
        RecordComponent[] cs = components();
        Object[] args = new Object[cs.length];
        Class<?>[] types = new Class<?>[cs.length];
        for (int i = 0; i < cs.length; i++) {
            types[i] = cs[i].getType();
            Object v = row.get(row.fieldIndex(snake(cs[i].getName())));
            if (types[i].isEnum()) {
                v = enumValue(types[i], (String) v);
            }
            args[i] = v;
        }
        try {
            Constructor<R> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("RecordRows: cannot rebuild " + type.getName() + " from " + row, e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> enumType, String name) {
        return Enum.valueOf((Class) enumType, name.toUpperCase(Locale.ROOT));
    }

    private static DataType sparkType(Class<?> owner, RecordComponent c) {
        Class<?> t = c.getType();
        if (t == long.class) {
            return DataTypes.LongType;
        } else if (t == int.class) {
            return DataTypes.IntegerType;
        } else if (t == double.class) {
            return DataTypes.DoubleType;
        } else if (t == float.class) {
            return DataTypes.FloatType;
        } else if (t == boolean.class) {
            return DataTypes.BooleanType;
        } else if (t == String.class || t.isEnum()) {
            return DataTypes.StringType;
        }
        throw new IllegalArgumentException("RecordRows: component " + c.getName() + " of " + owner.getName()
                + " has type " + t.getName() + "; supported: long, int, double, float, boolean, String, enums");
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
    }
}
