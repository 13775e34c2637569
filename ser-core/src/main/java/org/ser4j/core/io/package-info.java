/**
 * File output helpers shared by every module: atomic writes (temp file, then move). No format-specific code here.
 */
package org.ser4j.core.io;
