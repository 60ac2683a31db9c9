package io.fleetpatch.advisory.oval;

import io.fleetpatch.xml.SafeXmlReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code <tests>}, {@code <objects>} and {@code <states>} of an OVAL definitions file (OVAL
 * Language 5.11 Specification §4.3-4.5), reduced to what flattening rpm criteria needs. Ids may
 * repeat in broken files; every element with an id is kept.
 */
final class OvalIndex {
  /** A test: {@code kind} is its element name (rpminfo_test, rpmverifyfile_test, ...). */
  record Test(
      String id,
      String kind,
      String comment,
      String check,
      String objectRef,
      List<String> stateRefs,
      String line) {}

  /**
   * An object: for rpminfo the package {@code name}; for files the {@code path}/{@code filename} or
   * {@code filepath}.
   */
  record Obj(String id, String kind, String name, String file) {}

  /** A state: value and operation of the entities that matter, each null when absent. */
  record State(
      String id,
      String kind,
      String evr,
      String evrOp,
      String version,
      String arch,
      String archOp,
      String text,
      boolean signature) {}

  final Map<String, List<Test>> tests = new HashMap<>();
  final Map<String, List<Obj>> objects = new HashMap<>();
  final Map<String, List<State>> states = new HashMap<>();
  boolean hasTests;

  /** The release the first dist tag among the states' EVRs names (.cm2, .azl3), or null. */
  String distTagRelease;

  /** Reads the three sections, skipping {@code <definitions>}; the reader is at the root. */
  static OvalIndex read(SafeXmlReader xml) {
    OvalIndex index = new OvalIndex();
    while (xml.nextChild(1)) {
      switch (xml.name()) {
        case "tests" -> {
          index.hasTests = true;
          while (xml.nextChild(2)) {
            Test t = test(xml);
            index.tests.computeIfAbsent(t.id(), k -> new ArrayList<>(1)).add(t);
          }
        }
        case "objects" -> {
          while (xml.nextChild(2)) {
            Obj o = object(xml);
            index.objects.computeIfAbsent(o.id(), k -> new ArrayList<>(1)).add(o);
          }
        }
        case "states" -> {
          while (xml.nextChild(2)) {
            State s = state(xml);
            if (index.distTagRelease == null && s.evr() != null) {
              index.distTagRelease = OvalReleases.fromDistTag(s.evr());
            }
            index.states.computeIfAbsent(s.id(), k -> new ArrayList<>(1)).add(s);
          }
        }
        default -> {
          // generator, definitions, variables
        }
      }
    }
    return index;
  }

  private static Test test(SafeXmlReader xml) {
    String kind = xml.name();
    String id = nz(xml.attr("id"));
    String comment = nz(xml.attr("comment"));
    String check = nz(xml.attr("check"));
    String line = xml.where();
    String object = null;
    List<String> states = new ArrayList<>(1);
    while (xml.nextChild(3)) {
      switch (xml.name()) {
        case "object" -> object = xml.attr("object_ref");
        case "state" -> states.add(nz(xml.attr("state_ref")));
        default -> {
          // notes
        }
      }
    }
    return new Test(id, kind, comment, check, object, List.copyOf(states), line);
  }

  private static Obj object(SafeXmlReader xml) {
    String kind = xml.name();
    String id = nz(xml.attr("id"));
    String name = null;
    String path = null;
    String filename = null;
    String filepath = null;
    while (xml.nextChild(3)) {
      switch (xml.name()) {
        case "name" -> name = xml.text().trim();
        case "path" -> path = xml.text().trim();
        case "filename" -> filename = xml.text().trim();
        case "filepath" -> filepath = xml.text().trim();
        default -> {
          // pattern, instance, behaviors, epoch...
        }
      }
    }
    String file = filepath != null ? filepath : (path == null ? "" : path + "/") + nz(filename);
    return new Obj(id, kind, name, file);
  }

  private static State state(SafeXmlReader xml) {
    String kind = xml.name();
    String id = nz(xml.attr("id"));
    String evr = null;
    String evrOp = null;
    String version = null;
    String arch = null;
    String archOp = null;
    String text = null;
    boolean signature = false;
    while (xml.nextChild(3)) {
      switch (xml.name()) {
        case "evr" -> {
          evrOp = nz(xml.attr("operation"));
          evr = xml.text().trim();
        }
        case "version" -> version = xml.text().trim();
        case "arch" -> {
          archOp = nz(xml.attr("operation"));
          arch = xml.text().trim();
        }
        case "text" -> text = xml.text().trim();
        case "signature_keyid" -> signature = true;
        default -> {
          // name (rpmverifyfile's release package), release, epoch
        }
      }
    }
    return new State(id, kind, evr, evrOp, version, arch, archOp, text, signature);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
