/**
 * The consumer smoke test: the README snippet compiled against the published ser-models and ser-models-bundled artifacts alone. Nothing else belongs here.
 */
package smoke;
