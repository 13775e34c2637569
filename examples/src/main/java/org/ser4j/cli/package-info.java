/**
 * The {@code ser4j} command-line tool (picocli). Commands parse options, call the libraries and print; no DSP, training or inference logic lives here.
 */
package org.ser4j.cli;
