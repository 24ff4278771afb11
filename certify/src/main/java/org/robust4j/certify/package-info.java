/**
 * Certificates of robustness, and the records and curves they produce.
 *
 * <ul>
 *   <li>{@link org.robust4j.certify.smoothing}: randomized smoothing, Cohen, Rosenfeld and Kolter's
 *       PREDICT and CERTIFY over any model and noise distribution;</li>
 *   <li>{@link org.robust4j.certify.multinoise}: the certificate of Ettedgui et al. (arXiv 2206.01715)
 *       that also probes the model under a second Gaussian and can certify more than Cohen's;</li>
 *   <li>{@link org.robust4j.certify.renyi}: the Rényi-divergence guarantee of noise injection
 *       (Pinot et al., arXiv 1902.01148);</li>
 *   <li>{@link org.robust4j.certify.lipschitz}: Lipschitz-margin certificates of 1-Lipschitz networks
 *       and an empirical check of a claimed Lipschitz bound;</li>
 *   <li>{@link org.robust4j.certify.curve}: certified accuracy as a function of the radius;</li>
 *   <li>{@link org.robust4j.certify.stats}: exact binomial confidence bounds.</li>
 * </ul>
 *
 * Every certifier returns one plain record per input implementing
 * {@link org.robust4j.certify.curve.CertifiedSample}, so the command line, the experiments and the
 * Spark jobs write records, curves and summaries the same way whatever the method.
 */
package org.robust4j.certify;
