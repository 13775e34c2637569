/**
 * Seeded train/validation/test splits of labelled clips: the notebook's stratified random
 * protocol, speaker-disjoint splits stratified per corpus, and the fixed audeering CREMA-D actor
 * split. Splits are deterministic per seed and never read audio. No corpus scanning here (see
 * {@code org.ser4j.training.corpus}).
 */
package org.ser4j.training.split;
