/**
 * File output helpers shared by every module: {@link org.ser4j.core.io.AtomicFiles} writes to a
 * temporary file in the target's folder, then moves it into place, so that no reader ever sees a
 * half-written output. Every module writes its outputs through it instead of hand-rolling temp
 * files. No format-specific code here.
 */
package org.ser4j.core.io;
