package org.robust4j.experiments.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Lists a directory, so tests can check that writers leave no temporary files behind. */
final class DirectoryEntries {
    private DirectoryEntries() {}

    static List<String> of(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
