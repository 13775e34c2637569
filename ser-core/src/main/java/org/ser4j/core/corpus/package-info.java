/**
 * Corpus file-name conventions (CREMA-D, RAVDESS, EmoDB, folder-per-label) and scanning folders into labelled clips with speaker ids. No audio decoding here.
 */
package org.ser4j.core.corpus;
