package io.fleetpatch.advisory.oval;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisorySource;
import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.advisory.Feed;
import io.fleetpatch.advisory.FixedPackage;
import io.fleetpatch.advisory.Reference;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.advisory.Warnings;
import io.fleetpatch.advisory.oval.OvalIndex.Obj;
import io.fleetpatch.advisory.oval.OvalIndex.State;
import io.fleetpatch.advisory.oval.OvalIndex.Test;
import io.fleetpatch.advisory.updateinfo.AdvisoryIds;
import io.fleetpatch.advisory.updateinfo.UpdateinfoDates;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.rpm.Arch;
import io.fleetpatch.rpm.Evr;
import io.fleetpatch.xml.SafeXmlReader;
import io.fleetpatch.xml.XmlLimits;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an OVAL definitions file (Alibaba Cloud Linux, OpenAnolis, AlmaLinux, Oracle Linux,
 * CBL-Mariner / Azure Linux; any compression) into {@link Advisory} records with source ({@code
 * <release>}, {@code oval}), the release named as {@link OvalReleases} describes.
 *
 * <p>Each definition's criteria tree is flattened the way vulnerability scanners read distribution
 * OVAL (and as oscap evaluates it for a host of that release): every {@code rpminfo_test} whose
 * state is {@code evr less than X} becomes a {@link FixedPackage} (name, fixed EVR X, and the
 * arches of the state's {@code arch} entity, or null arch when there is none), for the release
 * named by the platform test on the same branch. Signature-key tests, "is installed" guards and
 * module-enabled tests narrow the match and are not packages.
 *
 * <p>The file is read twice: first the tests, objects and states (small), then the definitions,
 * streamed one at a time, so memory does not grow with the definitions.
 *
 * <p>Warnings (with the line): every repair of a known quirk (module-qualified object names such as
 * {@code kernel:6.6}; sub-package suffixes inside EVRs such as {@code 0:debug-6.6.102-...}; ids
 * defined twice, resolved by the criterion comment), every criterion that cannot be read (unknown
 * test kinds, negations, {@code less than or equal} "no fix yet" states, lower bounds, missing
 * tests), definitions limited to a module stream. Fatal: not XML, not OVAL, limits.
 */
public final class OvalParser {
  /** "NAME is earlier than EVR" in criterion and test comments (RHEL-family convention). */
  private static final Pattern EARLIER =
      Pattern.compile("(?:Package )?(\\S+) is earlier than (\\S+?)(?:,.*)?");

  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
  private static final Pattern TITLE_SEVERITY =
      Pattern.compile(
          "\\((Critical|Important|Moderate|Medium|Low|None)\\)\\s*$", Pattern.CASE_INSENSITIVE);

  private final XmlLimits limits;

  public OvalParser() {
    this(XmlLimits.DEFAULT);
  }

  public OvalParser(XmlLimits limits) {
    this.limits = limits;
  }

  /**
   * Reads a whole file.
   *
   * @param release the release every definition applies to (e.g. {@code alinux3}), or null to tell
   *     it from each definition's platform test
   */
  public Feed read(Path file, String release) {
    List<Advisory> all = new ArrayList<>();
    List<Problem> warnings = stream(file, release, all::add);
    return new Feed(all, warnings);
  }

  /** Streams a file's advisories to {@code sink}; returns the warnings. */
  public List<Problem> stream(Path file, String release, Consumer<Advisory> sink) {
    OvalIndex index;
    try (SafeXmlReader xml = SafeXmlReader.open(file, limits)) {
      root(xml);
      index = OvalIndex.read(xml);
      xml.finish();
    }
    Run run =
        new Run(
            file.toString(), index, release == null || release.isBlank() ? null : release.trim());
    try (SafeXmlReader xml = SafeXmlReader.open(file, limits)) {
      root(xml);
      while (xml.nextChild(1)) {
        if (xml.name().equals("definitions")) {
          while (xml.nextChild(2)) {
            if (xml.name().equals("definition")) {
              run.definition(xml, sink);
            }
          }
          break;
        }
      }
    }
    run.finish();
    return run.warnings.list();
  }

  private static void root(SafeXmlReader xml) {
    String root = xml.root();
    if (!root.equals("oval_definitions")) {
      throw xml.fail(
          "not an OVAL definitions file: the root element is <"
              + root
              + ">, not <oval_definitions>");
    }
  }

  /** A criterion or a nested criteria; the tree of one definition. */
  private sealed interface Node permits Criteria, Criterion, Extend {}

  private record Criteria(boolean negate, List<Node> children) implements Node {}

  private record Criterion(String testRef, String comment, boolean negate, String line)
      implements Node {}

  private record Extend(String ref, String comment, String line) implements Node {}

  /** What a criterion means for flattening. */
  private sealed interface Meaning permits Platform, Pkg, Ignore, Module, NotRead {}

  private record Platform(String major) implements Meaning {}

  private record Pkg(String name, Evr fixed, List<String> arches) implements Meaning {}

  private record Ignore() implements Meaning {}

  private record Module(String what) implements Meaning {}

  private record NotRead(String why) implements Meaning {}

  /** State of one file's parse. */
  private static final class Run {
    private final String source;
    private final OvalIndex index;
    private final String givenRelease;
    private final Warnings warnings;
    private final Set<String> definitionIds = new HashSet<>();
    private final Set<String> emitted = new HashSet<>();
    private int moduleDefinitions;
    private String moduleExample;
    private boolean commentFallbackUsed;

    Run(String source, OvalIndex index, String givenRelease) {
      this.source = source;
      this.index = index;
      this.givenRelease = givenRelease;
      this.warnings = new Warnings(source);
    }

    void warn(String line, String message) {
      warnings.add(Problem.at(source, line, message));
    }

    void finish() {
      if (commentFallbackUsed) {
        warn(
            "",
            "the file has no <tests>: packages were read from the criterion comments (\"NAME is earlier than EVR\")");
      }
      if (moduleDefinitions > 0) {
        warn(
            "",
            moduleDefinitions
                + " definitions apply only when a module stream is enabled (e.g. "
                + moduleExample
                + "); module streams are not tracked, so their packages apply whatever stream is enabled");
      }
    }

    void definition(SafeXmlReader xml, Consumer<Advisory> sink) {
      String line = xml.where();
      String defId = nz(xml.attr("id"));
      String version = nz(xml.attr("version"));
      String clazz = nz(xml.attr("class"));
      if (!definitionIds.add(defId)) {
        warn(line, "definition id " + defId + " appears again (each is read on its own)");
      }
      String title = "";
      String description = "";
      String severity = "";
      Instant issued = null;
      Instant updated = null;
      List<String> platforms = new ArrayList<>();
      Map<String, Reference> refs = new LinkedHashMap<>();
      Set<String> cves = new LinkedHashSet<>();
      Criteria criteria = null;
      while (xml.nextChild(3)) {
        switch (xml.name()) {
          case "metadata" -> {
            while (xml.nextChild(4)) {
              switch (xml.name()) {
                case "title" -> title = xml.text().trim();
                case "description" -> description = xml.text().trim();
                case "severity" -> severity = xml.text().trim();
                case "affected" -> {
                  while (xml.nextChild(5)) {
                    if (xml.name().equals("platform")) {
                      platforms.add(xml.text().trim());
                    }
                  }
                }
                case "reference" -> {
                  String type = nz(xml.attr("source")).toLowerCase(Locale.ROOT);
                  String id = nz(xml.attr("ref_id")).trim();
                  refs.putIfAbsent(
                      type + " " + id, new Reference(type, id, nz(xml.attr("ref_url")), ""));
                  if (type.equals("cve")) {
                    cve(id, xml.where(), cves);
                  }
                }
                case "advisory" -> {
                  while (xml.nextChild(5)) {
                    switch (xml.name()) {
                      case "severity" -> severity = xml.text().trim();
                      case "issued" -> issued = date(xml, "issued");
                      case "updated" -> updated = date(xml, "updated");
                      case "cve" -> {
                        String href = nz(xml.attr("href"));
                        String where = xml.where();
                        String id = xml.text().trim();
                        refs.putIfAbsent("cve " + id, new Reference("cve", id, href, ""));
                        cve(id, where, cves);
                      }
                      case "bugzilla" -> {
                        String id = nz(xml.attr("id"));
                        String href = nz(xml.attr("href"));
                        refs.putIfAbsent(
                            "bugzilla " + id,
                            new Reference("bugzilla", id, href, xml.text().trim()));
                      }
                      default -> {
                        // rights, affected_cpe_list
                      }
                    }
                  }
                }
                default -> {
                  // advisory_id, patchable
                }
              }
            }
          }
          case "criteria" -> criteria = criteria(xml, 3);
          default -> {
            // notes
          }
        }
      }
      String advisoryId = advisoryId(defId, title, refs.values());
      if (severity.isEmpty()) {
        Matcher m = TITLE_SEVERITY.matcher(title);
        if (m.find()) {
          severity = m.group(1);
        }
      }
      String prefix = OvalReleases.prefix(defId);
      Map<String, List<FixedPackage>> byRelease = new LinkedHashMap<>();
      boolean[] module = {false};
      if (criteria == null) {
        warn(line, advisoryId + ": definition without <criteria>");
      } else {
        walk(criteria, null, false, advisoryId, prefix, byRelease, module);
      }
      if (module[0]) {
        moduleDefinitions++;
        if (moduleExample == null) {
          moduleExample = advisoryId;
        }
      }
      String fallback = fallbackRelease(prefix, platforms, byRelease);
      if (byRelease.containsKey(null)) {
        List<FixedPackage> loose = byRelease.remove(null);
        if (fallback == null) {
          fallback = "unknown";
          warn(
              line,
              advisoryId
                  + ": no platform test, platform or dist tag tells the release; give the release");
        }
        byRelease.computeIfAbsent(fallback, k -> new ArrayList<>()).addAll(loose);
      }
      if (byRelease.isEmpty()) {
        byRelease.put(fallback == null ? "unknown" : fallback, List.of());
      }
      AdvisoryType type = type(advisoryId, clazz);
      for (Map.Entry<String, List<FixedPackage>> e : byRelease.entrySet()) {
        String release = givenRelease != null ? givenRelease : e.getKey();
        AdvisorySource src = new AdvisorySource(release, "oval");
        if (!emitted.add(advisoryId + " " + src)) {
          warn(
              line, "advisory " + advisoryId + " for " + src + " appears again; the first is kept");
          continue;
        }
        sink.accept(
            new Advisory(
                advisoryId,
                src,
                type,
                Severity.normalise(severity),
                severity,
                issued,
                updated,
                title,
                description,
                List.copyOf(cves),
                List.copyOf(refs.values()),
                List.copyOf(new LinkedHashSet<>(e.getValue())),
                false,
                version));
        if (givenRelease != null) {
          break;
        }
      }
    }

    private String fallbackRelease(
        String prefix, List<String> platforms, Map<String, List<FixedPackage>> byRelease) {
      if (givenRelease != null) {
        return givenRelease;
      }
      if (prefix != null) {
        for (String p : platforms) {
          String major = OvalReleases.major(p);
          if (major != null) {
            return prefix + major;
          }
        }
      }
      for (List<FixedPackage> list : byRelease.values()) {
        for (FixedPackage p : list) {
          String r = OvalReleases.fromDistTag(p.fixed().release());
          if (r != null) {
            return r;
          }
        }
      }
      return index.distTagRelease;
    }

    private void walk(
        Criteria node,
        String release,
        boolean negated,
        String advisoryId,
        String prefix,
        Map<String, List<FixedPackage>> out,
        boolean[] module) {
      List<Meaning> meanings = new ArrayList<>();
      String here = release;
      for (Node child : node.children()) {
        Meaning m = child instanceof Criterion c ? classify(c, advisoryId) : null;
        meanings.add(m);
        if (m instanceof Platform p && p.major() != null) {
          here = prefix == null ? "unknown" + p.major() : prefix + p.major();
        }
      }
      for (int i = 0; i < node.children().size(); i++) {
        Node child = node.children().get(i);
        switch (child) {
          case Criteria c -> walk(c, here, negated || c.negate(), advisoryId, prefix, out, module);
          case Extend x ->
              warn(
                  x.line(),
                  advisoryId
                      + ": extend_definition '"
                      + x.ref()
                      + "' ("
                      + x.comment()
                      + ") is not followed");
          case Criterion c -> {
            Meaning m = meanings.get(i);
            switch (m) {
              case Pkg p -> {
                if (negated || c.negate()) {
                  warn(
                      c.line(),
                      advisoryId
                          + ": negated package criterion '"
                          + c.comment()
                          + "' is not understood; skipped");
                } else {
                  List<FixedPackage> list = out.computeIfAbsent(here, k -> new ArrayList<>());
                  if (p.arches().isEmpty()) {
                    list.add(new FixedPackage(p.name(), p.fixed(), null, null));
                  } else {
                    for (String a : p.arches()) {
                      list.add(new FixedPackage(p.name(), p.fixed(), a, null));
                    }
                  }
                }
              }
              case Module mod -> module[0] = true;
              case NotRead n ->
                  warn(
                      c.line(),
                      advisoryId + ": criterion '" + c.comment() + "' not read: " + n.why());
              case Platform p -> {
                // applied above
              }
              case Ignore ig -> {
                // signature, "is installed" guards
              }
            }
          }
        }
      }
    }

    private Meaning classify(Criterion c, String advisoryId) {
      List<Test> candidates = index.tests.get(c.testRef());
      if (candidates == null) {
        return fromComment(c, advisoryId);
      }
      Test t =
          pick(candidates, "test", c.testRef(), x -> x.comment().equals(c.comment()), c.line());
      if (t == null) {
        return new NotRead(
            "test "
                + c.testRef()
                + " is defined "
                + candidates.size()
                + " times and none matches the comment");
      }
      Matcher cm = EARLIER.matcher(t.comment());
      String commentName = cm.matches() ? cm.group(1) : null;
      String commentEvr = cm.matches() ? cm.group(2) : null;
      Obj o = null;
      if (t.objectRef() != null) {
        List<Obj> objs = index.objects.get(t.objectRef());
        if (objs == null) {
          return new NotRead("object " + t.objectRef() + " of test " + t.id() + " is not defined");
        }
        o =
            pick(
                objs,
                "object",
                t.objectRef(),
                x -> commentName != null && commentName.equals(x.name()),
                c.line());
        if (o == null) {
          return new NotRead(
              "object "
                  + t.objectRef()
                  + " is defined "
                  + objs.size()
                  + " times and none matches the comment");
        }
      }
      List<State> states = new ArrayList<>();
      for (String ref : t.stateRefs()) {
        List<State> ss = index.states.get(ref);
        if (ss == null) {
          return new NotRead("state " + ref + " of test " + t.id() + " is not defined");
        }
        State s =
            pick(ss, "state", ref, x -> commentEvr != null && commentEvr.equals(x.evr()), c.line());
        if (s == null) {
          return new NotRead(
              "state " + ref + " is defined " + ss.size() + " times and none matches the comment");
        }
        states.add(s);
      }
      return switch (t.kind()) {
        case "rpminfo_test" -> rpminfo(t, o, states, c, advisoryId);
        case "rpmverifyfile_test" -> {
          if (t.check().equals("none satisfy")) {
            yield new Ignore(); // "X must be installed" guard of RHEL-family OVAL
          }
          String major =
              states.stream()
                  .map(State::version)
                  .filter(v -> v != null)
                  .map(OvalReleases::major)
                  .filter(v -> v != null)
                  .findFirst()
                  .orElse(null);
          yield major == null
              ? new NotRead("rpmverifyfile test without a version")
              : new Platform(major);
        }
        case "textfilecontent54_test" -> {
          String file = o == null ? "" : o.file();
          if (file.contains("/modules.d/")) {
            yield new Module(t.comment());
          }
          if (file.endsWith("-release")) {
            String major =
                states.stream()
                    .map(State::text)
                    .filter(v -> v != null)
                    .map(OvalReleases::major)
                    .filter(v -> v != null)
                    .findFirst()
                    .orElse(null);
            yield major == null
                ? new NotRead("release file test without a version")
                : new Platform(major);
          }
          yield new NotRead("textfilecontent54 test on '" + file + "' is not understood");
        }
        case "uname_test" -> new NotRead("uname (running kernel) tests are not understood");
        default -> new NotRead(t.kind() + " is not understood");
      };
    }

    private Meaning rpminfo(Test t, Obj o, List<State> states, Criterion c, String advisoryId) {
      if (o == null || o.name() == null || o.name().isEmpty()) {
        return new NotRead("rpminfo test " + t.id() + " without a package name");
      }
      String name = o.name();
      if (states.isEmpty()) {
        return new Ignore(); // "NAME is installed"
      }
      State evrState = states.stream().filter(s -> s.evr() != null).findFirst().orElse(null);
      if (evrState == null) {
        State v = states.stream().filter(s -> s.version() != null).findFirst().orElse(null);
        if (v != null && name.endsWith("-release")) {
          return new Platform(OvalReleases.major(v.version()));
        }
        if (states.stream().allMatch(State::signature)) {
          return new Ignore(); // "NAME is signed with KEY"
        }
        return new NotRead("rpminfo state without an evr");
      }
      switch (evrState.evrOp() == null ? "" : evrState.evrOp()) {
        case "less than" -> {
          // the package row below
        }
        case "less than or equal" -> {
          return new NotRead(
              "'" + name + " <= " + evrState.evr() + "' has no fixed version (not yet fixed)");
        }
        case "greater than", "greater than or equal" -> {
          return new NotRead(
              "lower bound '"
                  + name
                  + " "
                  + evrState.evrOp()
                  + " "
                  + evrState.evr()
                  + "' is not kept: the fix applies to older builds too");
        }
        default -> {
          return new NotRead("evr operation '" + evrState.evrOp() + "' is not understood");
        }
      }
      String fixedName = name;
      int colon = name.indexOf(':');
      if (colon > 0) {
        fixedName = name.substring(0, colon);
        warn(
            c.line(),
            advisoryId
                + ": module-qualified package name '"
                + name
                + "' read as '"
                + fixedName
                + "'");
      }
      EvrRepair.Result evr;
      try {
        evr = EvrRepair.read(fixedName, evrState.evr());
      } catch (IllegalArgumentException e) {
        return new NotRead("fixed version: " + e.getMessage());
      }
      if (evr.repairedFrom() != null) {
        warn(
            c.line(),
            advisoryId
                + ": corrupted EVR '"
                + evr.repairedFrom()
                + "' of "
                + fixedName
                + " read as '"
                + evr.evr()
                + "'");
      }
      return new Pkg(fixedName, evr.evr(), arches(evrState, c, advisoryId));
    }

    private List<String> arches(State s, Criterion c, String advisoryId) {
      if (s.arch() == null || s.arch().isEmpty()) {
        return List.of();
      }
      String v = s.arch();
      if ("pattern match".equals(s.archOp())) {
        v = v.replace("^", "").replace("$", "").replace("(", "").replace(")", "");
      }
      List<String> out = new ArrayList<>();
      for (String a : v.split("\\|")) {
        try {
          out.add(Arch.parse(a.trim()).name());
        } catch (IllegalArgumentException e) {
          warn(
              c.line(),
              advisoryId
                  + ": arch '"
                  + s.arch()
                  + "' not understood; the package applies to every arch");
          return List.of();
        }
      }
      return out;
    }

    private Meaning fromComment(Criterion c, String advisoryId) {
      if (!index.hasTests) {
        Matcher m = EARLIER.matcher(c.comment());
        if (m.matches()) {
          commentFallbackUsed = true;
          Evr evr;
          try {
            EvrRepair.Result r = EvrRepair.read(m.group(1), m.group(2));
            evr = r.evr();
          } catch (IllegalArgumentException e) {
            return new NotRead("fixed version: " + e.getMessage());
          }
          return new Pkg(m.group(1), evr, List.of());
        }
        if (c.comment().endsWith(" is installed")) {
          return new Platform(OvalReleases.major(c.comment()));
        }
        if (c.comment().contains(" is signed with ")) {
          return new Ignore();
        }
      }
      return new NotRead("test " + c.testRef() + " is not defined");
    }

    private <T> T pick(
        List<T> candidates, String what, String id, Predicate<T> matches, String line) {
      if (candidates.size() == 1) {
        return candidates.get(0);
      }
      List<T> fit = candidates.stream().filter(matches).toList();
      if (fit.size() == 1 || (!fit.isEmpty() && fit.stream().distinct().count() == 1)) {
        warn(
            line,
            what
                + " id "
                + id
                + " is defined "
                + candidates.size()
                + " times; took the one that matches the criterion comment");
        return fit.get(0);
      }
      return null;
    }

    private Criteria criteria(SafeXmlReader xml, int depth) {
      boolean negate = "true".equals(xml.attr("negate"));
      List<Node> children = new ArrayList<>();
      int own = depth + 1;
      while (xml.nextChild(own)) {
        switch (xml.name()) {
          case "criteria" -> children.add(criteria(xml, own));
          case "criterion" ->
              children.add(
                  new Criterion(
                      nz(xml.attr("test_ref")),
                      nz(xml.attr("comment")),
                      "true".equals(xml.attr("negate")),
                      xml.where()));
          case "extend_definition" ->
              children.add(
                  new Extend(nz(xml.attr("definition_ref")), nz(xml.attr("comment")), xml.where()));
          default -> {
            // nothing else is allowed here
          }
        }
      }
      return new Criteria(negate, children);
    }

    private Instant date(SafeXmlReader xml, String what) {
      String d = xml.attr("date");
      if (d == null || d.isBlank()) {
        return null;
      }
      try {
        return UpdateinfoDates.parse(d);
      } catch (DateTimeParseException e) {
        warn(xml.where(), "<" + what + " date='" + d + "'> is not a date; left empty");
        return null;
      }
    }

    private void cve(String id, String line, Set<String> cves) {
      String c = id.trim().toUpperCase(Locale.ROOT);
      if (CVE.matcher(c).matches()) {
        cves.add(c);
      } else {
        warn(line, "CVE '" + id + "' is not a CVE id; not counted as a CVE");
      }
    }
  }

  /**
   * The advisory id: the first non-CVE reference that is shaped like one (ALINUX3-SA-2024:0012,
   * ALSA-2022:7071, ELSA-2007-0057), else the title's leading "ID:", else the OVAL definition id.
   */
  static String advisoryId(String defId, String title, Iterable<Reference> refs) {
    for (Reference r : refs) {
      if (!r.type().equals("cve") && AdvisoryIds.valid(r.id())) {
        return r.id();
      }
    }
    int colon = title.indexOf(": ");
    if (colon > 0 && AdvisoryIds.valid(title.substring(0, colon).trim())) {
      return title.substring(0, colon).trim();
    }
    return defId;
  }

  /**
   * Bugfix and enhancement advisories by their id's prefix (ALBA, RLBA, ELBA; ..EA); else security.
   */
  static AdvisoryType type(String advisoryId, String clazz) {
    int dash = advisoryId.indexOf('-');
    String prefix = dash > 0 ? advisoryId.substring(0, dash) : "";
    if (prefix.length() > 2 && prefix.endsWith("BA")) {
      return AdvisoryType.BUGFIX;
    }
    if (prefix.length() > 2 && prefix.endsWith("EA")) {
      return AdvisoryType.ENHANCEMENT;
    }
    return AdvisoryType.SECURITY;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
