/** Exact binomial confidence bounds (Clopper–Pearson) on top of Hipparchus. */
package org.robust4j.certify.stats;
