package io.fleetpatch.advisory.updateinfo;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisorySource;
import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.advisory.Feed;
import io.fleetpatch.advisory.FixedPackage;
import io.fleetpatch.advisory.Reference;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.advisory.Warnings;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.rpm.Arch;
import io.fleetpatch.rpm.Evr;
import io.fleetpatch.rpm.Nevra;
import io.fleetpatch.xml.Compression;
import io.fleetpatch.xml.SafeInput;
import io.fleetpatch.xml.SafeXmlReader;
import io.fleetpatch.xml.XmlLimits;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a yum {@code updateinfo.xml} (gzip, bzip2, xz, zstd or plain; see {@link SafeInput}) into
 * {@link Advisory} records, streaming: one {@code <update>} at a time is in memory.
 *
 * <p>The format is the one createrepo_c writes and libsolv reads (libsolv {@code
 * ext/repo_updateinfoxml.c}: {@code <updates><update type status version from><id> <title> <issued
 * date> <updated date> <severity> <description> <references><reference href id title type>
 * <pkglist><collection short><name> <package name epoch version release arch src> <filename>
 * <reboot_suggested>}). {@code reboot_suggested} is honoured both per update (yum) and per package
 * (libsolv, createrepo_c); elements the parser does not know are skipped.
 *
 * <p>Fatal (thrown as {@link ProblemException} with file and line): not XML, corrupt compression, a
 * limit exceeded, a root other than {@code <updates>}, an update without an id or with an id not
 * shaped like an advisory id, an unknown type, a package row without name or version or with a bad
 * epoch or arch, an update whose source cannot be told. Warnings (returned): dates that cannot be
 * read (the date is then null), CVE references whose id is not a CVE id, a repeated advisory id
 * (the first is kept), a collection that names no repo.
 */
public final class UpdateinfoParser {
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
  private static final Pattern CVE_IN_HREF = Pattern.compile("CVE-\\d{4}-\\d{4,}");

  private final XmlLimits limits;

  public UpdateinfoParser() {
    this(XmlLimits.DEFAULT);
  }

  public UpdateinfoParser(XmlLimits limits) {
    this.limits = limits;
  }

  /**
   * Reads a whole file.
   *
   * @param repoId the repo id (or {@code release/repo}) the file is from, or null to tell it from
   *     the collections (see {@link UpdateinfoSources})
   */
  public Feed read(Path file, String repoId) {
    List<Advisory> all = new ArrayList<>();
    List<Problem> warnings = stream(file, repoId, all::add);
    return new Feed(all, warnings);
  }

  /**
   * Reads the updateinfo a repository's repomd.xml lists ({@code <data type="updateinfo">}),
   * resolving its location against the repository root (the folder above {@code repodata/}).
   *
   * @param verify when true, a checksum or size that differs from repomd.xml is fatal and the
   *     {@code open-size} caps the decompressed size; when false a difference is only a warning
   *     (for hand-made or trimmed repositories)
   */
  public Feed readRepo(Path repomdXml, String repoId, boolean verify) {
    Repomd repomd = Repomd.read(repomdXml, limits);
    RepoDataFile entry =
        repomd
            .updateinfo()
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.of(
                            repomdXml.toString(),
                            "repomd.xml lists no updateinfo (no <data type=\"updateinfo\">)")));
    Path file = entry.resolve(repomdXml);
    Problem mismatch = entry.check(file);
    List<Problem> warnings = new ArrayList<>();
    UpdateinfoParser parser = this;
    if (verify) {
      if (mismatch != null) {
        throw new ProblemException(mismatch);
      }
      if (entry.openSize() > 0 && entry.openSize() < limits.maxDecompressedBytes()) {
        parser = new UpdateinfoParser(limits.withMaxDecompressedBytes(entry.openSize()));
      }
    } else if (mismatch != null) {
      warnings.add(mismatch);
    }
    Feed feed = parser.read(file, repoId);
    warnings.addAll(feed.warnings());
    return new Feed(feed.advisories(), warnings);
  }

  /** Streams a file's advisories to {@code sink}; returns the warnings. */
  public List<Problem> stream(Path file, String repoId, Consumer<Advisory> sink) {
    try (SafeXmlReader xml = SafeXmlReader.open(file, limits)) {
      return parse(xml, repoId, sink);
    }
  }

  /**
   * Streams advisories from a stream (compression detected from its bytes); the stream is closed.
   *
   * @param source the name problems carry
   */
  public List<Problem> stream(
      InputStream in, String source, String repoId, Consumer<Advisory> sink) {
    try (SafeXmlReader xml =
        SafeXmlReader.open(SafeInput.open(in, source, Compression.NONE, limits), limits)) {
      return parse(xml, repoId, sink);
    }
  }

  private List<Problem> parse(SafeXmlReader xml, String repoId, Consumer<Advisory> sink) {
    Optional<AdvisorySource> given = Optional.empty();
    if (repoId != null && !repoId.isBlank()) {
      try {
        given = UpdateinfoSources.forRepoId(repoId.trim());
      } catch (IllegalArgumentException e) {
        throw new ProblemException(Problem.of(xml.source(), e.getMessage()), e);
      }
    }
    Run run = new Run(xml, repoId == null || repoId.isBlank() ? null : repoId.trim(), given);
    String root = xml.root();
    if (!root.equals("updates")) {
      throw xml.fail("not an updateinfo file: the root element is <" + root + ">, not <updates>");
    }
    while (xml.nextChild(1)) {
      if (xml.name().equals("update")) {
        Advisory a = run.update();
        if (a != null) {
          sink.accept(a);
        }
      }
    }
    xml.finish();
    return run.warnings.list();
  }

  /** State of one file's parse. */
  private static final class Run {
    private final SafeXmlReader xml;
    private final String repoId;
    private final Optional<AdvisorySource> given;
    private final Warnings warnings;
    private final Set<String> seen = new HashSet<>();
    private final Map<String, AdvisorySource> byCollection = new HashMap<>();

    Run(SafeXmlReader xml, String repoId, Optional<AdvisorySource> given) {
      this.xml = xml;
      this.repoId = repoId;
      this.given = given;
      this.warnings = new Warnings(xml.source());
    }

    /** Reads one {@code <update>}; null when it is a repeat. */
    Advisory update() {
      String where = xml.where();
      String typeText = xml.attr("type");
      String version = xml.attr("version");
      AdvisoryType type;
      try {
        type = AdvisoryType.parse(typeText);
      } catch (IllegalArgumentException e) {
        throw xml.fail(
            "update type '"
                + (typeText == null ? "" : typeText)
                + "' is not security, bugfix, enhancement or newpackage");
      }
      String id = null;
      String title = "";
      String description = "";
      String severity = "";
      Instant issued = null;
      Instant updated = null;
      boolean reboot = false;
      List<Reference> refs = new ArrayList<>();
      List<String> cves = new ArrayList<>();
      List<FixedPackage> packages = new ArrayList<>();
      String firstCollection = null;
      while (xml.nextChild(2)) {
        switch (xml.name()) {
          case "id" -> id = xml.text().trim();
          case "title" -> title = xml.text().trim();
          case "description" -> description = xml.text();
          case "severity" -> severity = xml.text().trim();
          case "issued" -> issued = date("issued");
          case "updated" -> updated = date("updated");
          case "reboot_suggested" -> reboot |= truthy(xml.text());
          case "references" -> {
            while (xml.nextChild(3)) {
              if (xml.name().equals("reference")) {
                reference(refs, cves);
              }
            }
          }
          case "pkglist" -> {
            while (xml.nextChild(3)) {
              if (xml.name().equals("collection")) {
                String shortName = xml.attr("short");
                if (firstCollection == null && shortName != null && !shortName.isBlank()) {
                  firstCollection = shortName.trim();
                }
                while (xml.nextChild(4)) {
                  if (xml.name().equals("package")) {
                    reboot |= packageRow(packages);
                  }
                }
              }
            }
          }
          default -> {
            // summary, solution, rights, release, pushcount, ...: not needed
          }
        }
      }
      if (id == null || id.isEmpty()) {
        throw new ProblemException(Problem.at(xml.source(), where, "update without an <id>"));
      }
      if (!AdvisoryIds.valid(id)) {
        throw new ProblemException(
            Problem.at(
                xml.source(),
                where,
                "advisory id '"
                    + id
                    + "' is not an advisory id (PREFIX-YEAR-NUMBER or PREFIX-YEAR:NUMBER)"));
      }
      if (!seen.add(id)) {
        warnings.add(
            Problem.at(
                xml.source(), where, "advisory " + id + " appears again; the first is kept"));
        return null;
      }
      AdvisorySource source = source(id, where, firstCollection);
      return new Advisory(
          id,
          source,
          type,
          Severity.normalise(severity),
          severity,
          issued,
          updated,
          title,
          description,
          cves,
          refs,
          packages,
          reboot,
          version);
    }

    private AdvisorySource source(String id, String where, String collection) {
      if (given.isPresent()) {
        return given.get();
      }
      if (collection == null) {
        if (repoId != null) {
          throw new ProblemException(
              Problem.at(
                  xml.source(),
                  where,
                  id
                      + ": repo id '"
                      + repoId
                      + "' does not tell the release and the update has no <collection short>"
                      + " that does; give release/repo"));
        }
        throw new ProblemException(
            Problem.at(
                xml.source(),
                where,
                id + ": no <collection short> tells the source; give the repo id"));
      }
      AdvisorySource known = byCollection.get(collection);
      if (known != null) {
        return known;
      }
      Optional<UpdateinfoSources.FromCollection> from = UpdateinfoSources.forCollection(collection);
      AdvisorySource s;
      if (from.isEmpty()) {
        s = new AdvisorySource("unknown", repoId != null ? repoId : collection);
        warnings.add(
            Problem.at(
                xml.source(),
                where,
                "collection '"
                    + collection
                    + "' does not tell the release; using "
                    + s
                    + " (give release/repo)"));
      } else if (repoId != null) {
        s = new AdvisorySource(from.get().release(), repoId);
      } else if (from.get().repo().isPresent()) {
        s = new AdvisorySource(from.get().release(), from.get().repo().get());
      } else {
        s = new AdvisorySource(from.get().release(), collection);
        warnings.add(
            Problem.at(
                xml.source(),
                where,
                "collection '"
                    + collection
                    + "' names no repo; using "
                    + s
                    + " (give the repo id)"));
      }
      byCollection.put(collection, s);
      return s;
    }

    private Instant date(String what) {
      String d = xml.attr("date");
      if (d == null || d.isBlank()) {
        return null;
      }
      try {
        return UpdateinfoDates.parse(d);
      } catch (DateTimeParseException e) {
        warnings.add(
            xml.problem(
                "<"
                    + what
                    + " date='"
                    + d
                    + "'> is not a date (YYYY-MM-DD HH:MM[:SS] or epoch seconds); left empty"));
        return null;
      }
    }

    private void reference(List<Reference> refs, List<String> cves) {
      String type = nz(xml.attr("type"));
      String id = nz(xml.attr("id")).trim();
      String href = nz(xml.attr("href"));
      refs.add(new Reference(type, id, href, nz(xml.attr("title"))));
      if (type.equalsIgnoreCase("cve")) {
        String cve = id.toUpperCase(Locale.ROOT);
        if (cve.isEmpty()) {
          Matcher m = CVE_IN_HREF.matcher(href);
          cve = m.find() ? m.group() : "";
        }
        if (CVE.matcher(cve).matches()) {
          cves.add(cve);
        } else {
          warnings.add(
              xml.problem("cve reference id '" + id + "' is not a CVE id; not counted as a CVE"));
        }
      }
    }

    /** Reads a {@code <package>} row; returns its reboot_suggested. */
    private boolean packageRow(List<FixedPackage> packages) {
      String name = xml.attr("name");
      String epoch = xml.attr("epoch");
      String version = xml.attr("version");
      String release = xml.attr("release");
      String arch = xml.attr("arch");
      String where = xml.where();
      String filename = null;
      boolean reboot = false;
      while (xml.nextChild(5)) {
        switch (xml.name()) {
          case "filename" -> filename = xml.text().trim();
          case "reboot_suggested" -> reboot |= truthy(xml.text());
          default -> {
            // sum, restart_suggested, relogin_suggested
          }
        }
      }
      String row =
          nz(name) + " " + nz(epoch) + ":" + nz(version) + "-" + nz(release) + "." + nz(arch);
      try {
        Long e = epoch == null || epoch.isBlank() ? null : Long.parseLong(epoch.trim());
        if (version == null || version.isBlank()) {
          throw new IllegalArgumentException("no version");
        }
        if (arch == null || arch.isBlank()) {
          throw new IllegalArgumentException("no arch");
        }
        Evr evr =
            new Evr(
                e, version.trim(), release == null || release.isBlank() ? null : release.trim());
        Nevra n = Nevra.of(nz(name).trim(), evr, Arch.parse(arch.trim()));
        packages.add(FixedPackage.of(n, filename == null || filename.isEmpty() ? null : filename));
      } catch (IllegalArgumentException ex) {
        throw new ProblemException(
            Problem.at(xml.source(), where, "bad <package> row '" + row + "': " + ex.getMessage()),
            ex);
      }
      return reboot;
    }

    private static boolean truthy(String s) {
      String t = s.trim().toLowerCase(Locale.ROOT);
      return t.equals("true") || t.equals("1") || t.equals("yes");
    }

    private static String nz(String s) {
      return s == null ? "" : s;
    }
  }
}
