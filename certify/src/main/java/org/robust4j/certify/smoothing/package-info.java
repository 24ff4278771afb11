/**
 * Randomized smoothing (Cohen, Rosenfeld, Kolter, ICML 2019): the smoothed classifier
 * {@link org.robust4j.certify.smoothing.SmoothedClassifier} with PREDICT and CERTIFY, noise
 * distributions with their certified radii (Gaussian l2, Laplace l1, uniform l1), vote counting in
 * memory scopes ({@link org.robust4j.certify.smoothing.NoisyVotes}) and per-sample random streams
 * derived from (seed, index) ({@link org.robust4j.certify.smoothing.SampleSeeds}).
 */
package org.robust4j.certify.smoothing;
