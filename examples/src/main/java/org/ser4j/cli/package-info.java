/**
 * The {@code ser4j} command-line tool (picocli): {@link org.ser4j.cli.Ser4jCli} and one class per
 * command, plus what the commands share: {@code ExitCodes} (0 ok, 1 some file failed, 2 bad usage)
 * and {@code CliErrors} (one stderr line per bad file, no stack traces). Commands parse options,
 * call the libraries and print; no DSP, training or inference logic lives here.
 */
package org.ser4j.cli;
