/**
 * ALAS RSS bulletins as early warnings ({@link io.fleetpatch.advisory.rss.RssItem}, ids mapped to
 * the updateinfo ids; {@link io.fleetpatch.advisory.rss.RssItem#toAdvisory()} gives an advisory
 * without packages): {@code new RssParser().read(path)}.
 */
package io.fleetpatch.advisory.rss;
