package org.robust4j.experiments.reproduce;

/** The publication an experiment reproduces: cited in {@code REPORT.md} next to our numbers. */
public record Paper(String shortName, String citation, String link) {}
