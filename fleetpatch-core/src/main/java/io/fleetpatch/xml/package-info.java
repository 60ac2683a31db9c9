/**
 * Safe reading of untrusted feed files: {@link io.fleetpatch.xml.SafeInput} (compression by magic
 * bytes, decompressed-size and token-length limits) and {@link io.fleetpatch.xml.SafeXmlReader}
 * (StAX with DTDs and external entities refused, depth and text limits, every error a {@link
 * io.fleetpatch.problem.ProblemException} with file and line). Limits: {@link
 * io.fleetpatch.xml.XmlLimits}.
 */
package io.fleetpatch.xml;
