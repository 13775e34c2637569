/**
 * Checks over a module's own source tree, shared through ser-core's test-jar so that every
 * module (including those the {@code examples} module does not depend on, such as ser-spark)
 * applies the same rules: complete Javadoc (doclint) and library wording (no command-line flag in
 * a library message). Test code only; nothing here ships.
 */
package org.ser4j.core.checks;
