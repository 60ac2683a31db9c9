package io.fleetpatch.inventory.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.rpm.Arch;
import io.fleetpatch.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RpmQaTextTest {
  private final RpmQaText reader = new RpmQaText(Arch.parse("aarch64"));

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # line (\\t = tab)                               | parsed as (toString)                   | why
          bash-4.2.46-34.amzn2.x86_64                       | bash-4.2.46-34.amzn2.x86_64           | plain rpm -qa: no epoch
          system-release-1:2-11.amzn2.x86_64                | system-release-1:2-11.amzn2.x86_64    | nevra with epoch (fleetpatch --format nevra)
          tzdata-0:2024a-1.amzn2.noarch                     | tzdata-0:2024a-1.amzn2.noarch         | explicit zero epoch kept
          foo-(none):1.0-1.x86_64                           | foo-1.0-1.x86_64                      | %{EPOCH} of a header without one
          gpg-pubkey-c87f5b1a-593863f8                      | gpg-pubkey-c87f5b1a-593863f8.noarch   | rpm prints no arch when the header has none
          gpg-pubkey-c87f5b1a-593863f8.(none)               | gpg-pubkey-c87f5b1a-593863f8.noarch   | %{ARCH} of a header without one
          system-release\\t1:2-11.amzn2\\t26653             | system-release-1:2-11.amzn2.aarch64   | snyk amazonlinux2_plain: NAME EVR SIZE, default arch
          libgcc\\t7.3.1-6.amzn2.0.4\\t179192               | libgcc-7.3.1-6.amzn2.0.4.aarch64      | snyk amazonlinux2_plain without epoch
          openssl\\t(none):1.0.2k-24\\tx86_64               | openssl-1.0.2k-24.x86_64              | NAME EPOCH:V-R ARCH with (none)
          openssl\\t1:1.0.2k-24                             | openssl-1:1.0.2k-24.aarch64           | NAME EVR
          (none)\\tjbig2dec-libs\\t0.16-1.el8\\t175643      | jbig2dec-libs-0.16-1.el8.aarch64      | snyk modules: MODULARITYLABEL NAME EVR SIZE
          perl:6.34:8030020200716155257:b967a9a2\\tperl-Mozilla-CA\\t1:2016-7.module_el8\\t5716 | perl-Mozilla-CA-1:2016-7.module_el8.aarch64 | snyk modules with a label and an epoch
          glibc\\t2.26-60\\ti686\\t1234                     | glibc-2.26-60.i686                    | NAME EVR ARCH SIZE
          glibc\\t0\\t2.26\\t60.amzn2\\ti686                | glibc-0:2.26-60.amzn2.i686            | NAME EPOCHNUM V R ARCH
          glibc\\t(none)\\t2.26\\t60.amzn2\\ti686           | glibc-2.26-60.amzn2.i686              | NAME EPOCH V R ARCH with (none)
          glibc\\t\\t2.26\\t60.amzn2\\ti686                 | glibc-2.26-60.amzn2.i686              | empty epoch column
          """)
  void layouts(String line, String expected, String why) {
    List<InstalledPackage> p = reader.parse(line.replace("\\t", "\t") + "\n", "t");
    assertThat(p).as(why).hasSize(1);
    assertThat(p.get(0).nevra().toString()).as(why).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # bad line                                | why
          hello world                               | spaces, one column
          bash                                      | no version
          a\\tb\\tc\\td\\te\\tf                      | six columns
          glibc\\tx\\t2.26\\t60\\ti686               | epoch not a number
          glibc\\t1:\\ti686                          | empty version
          glibc\\t1.0-1\\tx86-64                     | bad arch
          """)
  void garbageLinesNameTheirNumberAndQuoteTheLine(String line, String why) {
    String text = "bash-4.2.46-34.amzn2.x86_64\n\n" + line.replace("\\t", "\t") + "\n";
    assertThatThrownBy(() -> reader.parse(text, "qa.txt"))
        .as(why)
        .isInstanceOf(ProblemException.class)
        .hasMessageStartingWith("qa.txt: line 3: not an rpm -qa line")
        .hasMessageContaining("'" + line + "'");
  }

  @Test
  void realAmazonLinux2Output() throws IOException {
    String text =
        Files.readString(SharedData.data("rpmdb/snyk-rpm-parser/test/outputs/amazonlinux2_plain"));
    List<InstalledPackage> p = new RpmQaText(Arch.X86_64).parse(text, "amazonlinux2_plain");
    assertThat(p).hasSize(104);
    assertThat(p.get(0).nevra().toFullString()).isEqualTo("system-release-1:2-11.amzn2.x86_64");
    assertThat(p)
        .filteredOn(i -> i.nevra().evr().epoch() != null)
        .extracting(i -> i.name())
        .contains("system-release", "openssl-libs");
  }

  @Test
  void realModulesOutputWithEpochFirst() throws IOException {
    String text = Files.readString(SharedData.data("rpmdb/snyk-rpm-parser/test/outputs/modules"));
    List<InstalledPackage> p = new RpmQaText(Arch.X86_64).parse(text, "modules");
    assertThat(p).hasSize(444);
    assertThat(p)
        .extracting(i -> i.nevra().toString())
        .contains("centos-gpg-keys-1:8-2.el8.x86_64");
    assertThat(p.get(0).nevra().toString()).isEqualTo("jbig2dec-libs-0.16-1.el8.x86_64");
  }
}
