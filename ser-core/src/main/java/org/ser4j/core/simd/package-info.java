/**
 * The one place where ser4j decides whether its SIMD kernels (JDK Vector API,
 * {@code jdk.incubator.vector}) run: {@link org.ser4j.core.simd.SimdSupport}. Every module's
 * vector kernel is loaded through it, so one switch ({@code -Dser4j.simd=off}) turns them all off.
 *
 * <p>Not part of the supported API (ser4j's own modules use it; its members may change in any
 * release). The kernels themselves live beside their scalar versions in the modules that use
 * them ({@code ser-core} audio, {@code ser-features} dsp, {@code ser-training} nn), never here.
 */
package org.ser4j.core.simd;
