package org.robust4j.experiments.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A dataset that is in none of the places robust4j looks; the message says where it looked and how to get it. */
public final class DatasetNotFoundException extends IllegalArgumentException {
    public DatasetNotFoundException(String dataset, List<Path> looked, String howToGet) {
        super(dataset + " not found; looked in " + looked.stream().map(Path::toString).collect(Collectors.joining(", "))
                + ". " + howToGet);
    }
}
