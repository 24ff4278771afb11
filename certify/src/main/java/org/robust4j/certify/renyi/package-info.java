/**
 * The Rényi-divergence robustness guarantee of noise injection (Pinot, Meunier, Araujo, Kashima,
 * Yger, Gouy-Pailler, Atif, NeurIPS 2019, arXiv 1902.01148): divergences of Gaussian and Laplace
 * noise under a shift, the argmax-preservation threshold that turns a divergence bound into a
 * certified radius, the total-variation conversion and the adversarial-risk gap.
 */
package org.robust4j.certify.renyi;
