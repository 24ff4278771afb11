package org.robust4j.spark.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.robust4j.certify.Norm;
import org.robust4j.certify.smoothing.CertifyRecord;

class RecordRowsTest {

    @Test
    void columnsAreSnakeCaseComponentsWithSparkTypes() {
        StructField[] f = RecordRows.of(CertifyRecord.class).schema().fields();
        assertThat(List.of(f).stream().map(StructField::name).toList()).containsExactly("index", "label", "prediction",
                "radius", "norm", "abstained", "candidate", "n_a", "n", "p_a_lower");
        assertThat(f[0].dataType()).isEqualTo(DataTypes.LongType);
        assertThat(f[1].dataType()).isEqualTo(DataTypes.IntegerType);
        assertThat(f[3].dataType()).isEqualTo(DataTypes.DoubleType);
        assertThat(f[4].dataType()).isEqualTo(DataTypes.StringType);
        assertThat(f[5].dataType()).isEqualTo(DataTypes.BooleanType);
        assertThat(f[0].nullable()).isFalse();
        assertThat(f[4].nullable()).isTrue();
    }

    @Test
    void aRecordSurvivesTheRoundTripExactly() {
        RecordRows<CertifyRecord> rows = RecordRows.of(CertifyRecord.class);
        CertifyRecord r = new CertifyRecord(17, 3, 3, 0.1 + 0.2, Norm.L2, false, 3, 97, 100, Math.PI / 4);
        Row row = rows.toRow(r);
        assertThat(row.getString(4)).isEqualTo("l2");
        assertThat(row.getDouble(3)).isEqualTo(0.30000000000000004);
        assertThat(rows.fromRow(new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(
                ((org.apache.spark.sql.catalyst.expressions.GenericRow) row).values(), rows.schema()))).isEqualTo(r);
    }

    record Unsupported(long index, double[] values) {}

    @Test
    void anUnsupportedComponentIsNamed() {
        assertThatThrownBy(() -> RecordRows.of(Unsupported.class))
                .hasMessageContaining("component values").hasMessageContaining("[D");
    }

    @Test
    void snakeCaseMatchesTheCsvWriters() {
        assertThat(RecordRows.snake("pALower")).isEqualTo("p_a_lower");
        assertThat(RecordRows.snake("nA")).isEqualTo("n_a");
        assertThat(RecordRows.snake("meanCertifiedRadius")).isEqualTo("mean_certified_radius");
    }
}
