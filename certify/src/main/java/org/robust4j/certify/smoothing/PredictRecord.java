package org.robust4j.certify.smoothing;

/**
 * The outcome of PREDICT on one input.
 *
 * @param index the sample's index in its dataset
 * @param prediction the top class, or -1 (ABSTAIN) when the binomial test cannot separate it from the runner-up
 * @param abstained whether PREDICT abstained
 * @param nA votes of the top class
 * @param nB votes of the runner-up
 * @param pValue the two-sided binomial test p-value of {@code nA} out of {@code nA + nB} against 1/2
 */
public record PredictRecord(long index, int prediction, boolean abstained, long nA, long nB, double pValue) {
}
