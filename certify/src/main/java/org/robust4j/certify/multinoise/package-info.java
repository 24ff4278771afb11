/**
 * Certificates that probe the base classifier with more than one noise distribution (Ettedgui,
 * Araujo, Pinot, Chevaleyre, Atif, arXiv 2206.01715), in the two-variance Gaussian case: the
 * optimal certificate is a linear program over decision functions, bounded from below by weak
 * duality with the generalized Neyman–Pearson region, whose masses reduce to 1-D integrals of
 * chi-square CDFs. {@link org.robust4j.certify.multinoise.MultiSigmaCertificate} computes radii from
 * probability bounds; {@link org.robust4j.certify.multinoise.MultiNoiseCertifier} samples a model.
 */
package org.robust4j.certify.multinoise;
