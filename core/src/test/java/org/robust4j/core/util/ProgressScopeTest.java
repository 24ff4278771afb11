package org.robust4j.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressScopeTest {

    @Test
    void scopesNestAndRestoreTheListenerBefore() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        assertThat(ProgressScope.current()).isSameAs(ProgressListener.NONE);
        try (ProgressScope outer = ProgressScope.open((d, t) -> seen.add("outer " + d + "/" + t))) {
            ProgressScope.current().progress(1, 2);
            try (ProgressScope inner = ProgressScope.open((d, t) -> seen.add("inner " + d + "/" + t))) {
                ProgressScope.current().progress(1, 5);
                // Another thread has its own (none).
                Thread other = new Thread(() -> ProgressScope.current().progress(9, 9));
                other.start();
                other.join();
                inner.close();
                inner.close();
            }
            ProgressScope.current().progress(2, 2);
        }
        assertThat(ProgressScope.current()).isSameAs(ProgressListener.NONE);
        assertThat(seen).containsExactly("outer 1/2", "inner 1/5", "outer 2/2");
    }
}
