package io.fleetpatch.cli.bench;

import io.fleetpatch.rpm.Evr;
import io.fleetpatch.rpm.RpmVersions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmarks behind {@code fleetpatch bench vercmp}: one comparison per invocation, walking
 * through {@link RandomEvrPairs} (the same seed and count as the oracle run gets). The result is
 * returned, so JMH consumes it (no dead-code elimination).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VercmpBenchmark {
  @Param("1000000")
  public int pairs;

  @Param("42")
  public long seed;

  private String[] textA;
  private String[] textB;
  private Evr[] evrA;
  private Evr[] evrB;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    List<String[]> list = RandomEvrPairs.generate(seed, pairs);
    textA = new String[pairs];
    textB = new String[pairs];
    evrA = new Evr[pairs];
    evrB = new Evr[pairs];
    for (int i = 0; i < pairs; i++) {
      textA[i] = list.get(i)[0];
      textB[i] = list.get(i)[1];
      evrA[i] = Evr.parse(textA[i]);
      evrB[i] = Evr.parse(textB[i]);
    }
  }

  private int index() {
    int i = next;
    next = i + 1 == pairs ? 0 : i + 1;
    return i;
  }

  /** {@link RpmVersions#compare} of two parsed EVRs: the matcher's inner loop. */
  @Benchmark
  public int compareParsed() {
    int i = index();
    return RpmVersions.compare(evrA[i], evrB[i]);
  }

  /** Two EVR strings, split in place: what {@code vercmp --stdin} does per line. */
  @Benchmark
  public int compareText() {
    int i = index();
    return RpmVersions.compare(textA[i], textB[i]);
  }

  /** Both EVRs parsed into records, then compared: what readers building packages do. */
  @Benchmark
  public int parseAndCompare() {
    int i = index();
    return RpmVersions.compare(Evr.parse(textA[i]), Evr.parse(textB[i]));
  }
}
