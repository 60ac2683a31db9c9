/**
 * yum/dnf repository metadata: {@link io.fleetpatch.advisory.updateinfo.UpdateinfoParser} reads
 * updateinfo.xml (streaming, or a whole {@link io.fleetpatch.advisory.Feed}; also through a
 * repomd.xml), {@link io.fleetpatch.advisory.updateinfo.Repomd} reads repomd.xml, and {@link
 * io.fleetpatch.advisory.updateinfo.UpdateinfoSources} documents how a repo id or collection name
 * becomes an {@link io.fleetpatch.advisory.AdvisorySource}.
 *
 * <pre>{@code
 * Feed feed = new UpdateinfoParser().read(path, "amzn2-core");     // or null: from the collections
 * List<Problem> warnings = new UpdateinfoParser().stream(path, null, advisory -> store.add(advisory));
 * Feed viaRepo = new UpdateinfoParser().readRepo(repomdXml, null, true); // checksums verified
 * }</pre>
 */
package io.fleetpatch.advisory.updateinfo;
