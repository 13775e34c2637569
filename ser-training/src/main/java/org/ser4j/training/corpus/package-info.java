/**
 * Corpus file-name conventions and scanning folders into labelled clips with speaker ids.
 *
 * <p>One {@link org.ser4j.training.corpus.CorpusConvention} per corpus: CREMA-D, RAVDESS, EmoDB, TESS,
 * SAVEE and a folder-per-label layout. {@link org.ser4j.training.corpus.CorpusScanner} walks folders and asks them
 * in turn; a name that looks like a convention but is malformed, or that names an emotion outside
 * the six, is reported as a {@link org.ser4j.training.corpus.SkippedFile} with a reason, never
 * mislabelled. No audio decoding and no splitting here (see {@code org.ser4j.training.split}).
 */
package org.ser4j.training.corpus;
