package io.fleetpatch.cli;

import io.fleetpatch.baseline.Baseline;
import io.fleetpatch.baseline.BaselineFile;
import io.fleetpatch.baseline.BaselineFormat;
import io.fleetpatch.baseline.PredefinedBaselines;
import io.fleetpatch.baseline.store.StoredBaseline;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetpatch baselines import FILE [--name NAME]}. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    header = "Store a baseline file under a name (replacing one of that name).",
    description = {
      "",
      "Checks FILE as 'comply --baseline FILE' would (a problem names the file and line, exit 3,"
          + " and the store is left unchanged), then stores its text unchanged under NAME: --name,"
          + " else the document's Name, else the file name without extension. A name already"
          + " stored is replaced, and the replaced document kept in its history. The names of"
          + " predefined baselines are refused, so that --baseline NAME stays unambiguous.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  aws ssm get-patch-baseline --baseline-id pb-0123 > prod.json",
      "  fleetpatch baselines import prod.json",
      "  fleetpatch baselines import dev.yaml --name dev --db postgresql://db.example/fleetpatch"
    })
final class BaselinesImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Parameters(paramLabel = "FILE", description = "The baseline file (.json, .yaml or .yml).")
  Path file;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Store it under this name (default: the document's Name, else the file name).")
  String name;

  @Override
  public Integer call() throws IOException {
    String text = utf8(file);
    BaselineFormat format = BaselineFormat.of(file.getFileName().toString(), text);
    String fallback = file.getFileName().toString().replaceFirst("\\.(json|ya?ml)$", "");
    Baseline parsed =
        BaselineFile.parse(text, file.toString(), format == BaselineFormat.YAML, fallback);
    String key = name != null ? name : parsed.name();
    try {
      StoredBaseline.checkName(key);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--name: " + e.getMessage());
    }
    if (PredefinedBaselines.byName(key).isPresent()) {
      throw new ParameterException(
          spec.commandLine(),
          "'" + key + "' is a predefined baseline's name; store it under another (--name)");
    }
    StoredBaseline saved;
    try (Database db = StoreOpener.open(global, spec.commandLine())) {
      saved = db.baselines().save(key, format, text, Instant.now());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        (saved.createdAt().equals(saved.updatedAt()) ? "stored" : "replaced")
            + " baseline '"
            + key
            + "' ("
            + format
            + ", "
            + parsed.rules().size()
            + " rules) from "
            + file);
    out.flush();
    return ExitCode.OK;
  }

  /** The file's text; bytes that are not UTF-8 are bad input, named with their offset. */
  static String utf8(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ProblemException(Problem.of(file.toString(), "not UTF-8 text"), e);
    }
  }
}
