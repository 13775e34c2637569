/**
 * Seeded train/validation/test splits: the notebook's stratified random protocol and speaker-disjoint splits.
 */
package org.ser4j.core.split;
