/**
 * Certificates of networks with a known Lipschitz bound: the logit-margin radius
 * {@code margin / (sqrt(2) L)}, the pairwise radius of a normalised last layer (LLN), and an
 * empirical check that measures lower bounds on the constant and flags an understated claim.
 */
package org.robust4j.certify.lipschitz;
