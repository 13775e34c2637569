/**
 * The consumer smoke test: the README snippet compiled against the published ser-models artifact alone. Nothing else belongs here.
 */
package smoke;
