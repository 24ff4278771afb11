/** Certified accuracy over radii, summaries and tables at the radii the papers report. */
package org.robust4j.certify.curve;
