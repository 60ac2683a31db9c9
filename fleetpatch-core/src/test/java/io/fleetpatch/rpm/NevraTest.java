package io.fleetpatch.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NevraTest {
  @ParameterizedTest(name = "{0}: {6}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # nevra                                   | name            | epoch | version | release        | arch    | why
          openssl-1:1.0.2k-24.amzn2.x86_64          | openssl         | 1     | 1.0.2k  | 24.amzn2       | x86_64  | epoch
          glibc-2.26-60.amzn2.i686                  | glibc           | -     | 2.26    | 60.amzn2       | i686    | no epoch
          python3.11-libs-3.11.2-1.amzn2023.aarch64 | python3.11-libs | -     | 3.11.2  | 1.amzn2023     | aarch64 | dots and dashes in the name
          kernel-livepatch-5.10.176-157.645-1.0-2.amzn2.x86_64 | kernel-livepatch-5.10.176-157.645 | - | 1.0 | 2.amzn2 | x86_64 | AL2 livepatch: kernel version in the name
          tzdata-0:2024a-1.amzn2.noarch             | tzdata          | 0     | 2024a   | 1.amzn2        | noarch  | explicit zero epoch
          foo-1.0~rc1^git2-3.el8_10.src             | foo             | -     | 1.0~rc1^git2 | 3.el8_10  | src     | source package
          """)
  void parsesAndRoundTrips(
      String s, String name, Long epoch, String version, String release, String arch, String why) {
    Nevra n = Nevra.parse(s);
    assertThat(n.name()).as(why).isEqualTo(name);
    assertThat(n.evr()).as(why).isEqualTo(new Evr(epoch, version, release));
    assertThat(n.arch()).as(why).isEqualTo(Arch.parse(arch));
    assertThat(n.toString()).as(why).isEqualTo(s);
    assertThat(Nevra.parse(n.toString())).isEqualTo(n);
    assertThat(n.toFullString()).startsWith(name + "-" + (epoch == null ? 0 : epoch) + ":");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # input                       | why
          openssl                       | no version
          openssl-1.0.2k.x86_64         | no release
          gpg-pubkey-c87f5b1a-593863f8  | no arch
          -1.0-1.x86_64                 | empty name
          foo-1.0-1.                    | empty arch
          foo-1.0-1.x86-64              | arch after the last '.' holds a '-'
          foo-1:-1.x86_64               | empty version
          foo bar-1.0-1.x86_64          | space in the name
          foo-1.0-1.x86_64 trailing     | space in the arch
          ''                            | empty
          """)
  void rejectsGarbageQuotingIt(String s, String why) {
    assertThatThrownBy(() -> Nevra.parse(s))
        .as(why)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + s + "'");
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # file name                                              | nevra                            | why
          openssl-1.0.2k-24.amzn2.x86_64.rpm                       | openssl-1.0.2k-24.amzn2.x86_64   | plain
          Packages/o/openssl-libs-3.0.8-1.amzn2023.0.3.aarch64.rpm | openssl-libs-3.0.8-1.amzn2023.0.3.aarch64 | updateinfo filename with a directory
          bash-5.2.15-1.amzn2023.0.2.src.rpm                       | bash-5.2.15-1.amzn2023.0.2.src   | source rpm
          """)
  void parsesRpmFileNames(String file, String nevra, String why) {
    assertThat(Nevra.parseFilename(file)).as(why).isEqualTo(Nevra.parse(nevra));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # file name                          | why
          openssl-1.0.2k-24.amzn2.x86_64       | no .rpm
          openssl-1:1.0.2k-24.amzn2.x86_64.rpm | file names carry no epoch
          openssl.rpm                          | no version
          """)
  void rejectsBadFileNames(String file, String why) {
    assertThatThrownBy(() -> Nevra.parseFilename(file))
        .as(why)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + file + "'");
  }

  @ParameterizedTest(name = "{0} < {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # smaller                    | larger                     | why
          a-2.0-1.x86_64               | b-1.0-1.x86_64             | name first
          a-2.0-1.i686                 | a-1.0-1.x86_64             | then arch
          a-1.0-1.x86_64               | a-0:1.0-2.x86_64           | then rpm's EVR order
          a-9.0-1.x86_64               | a-1:1.0-1.x86_64           | epoch dominates
          """)
  void listingOrder(String smaller, String larger, String why) {
    assertThat(Nevra.parse(smaller)).as(why).isLessThan(Nevra.parse(larger));
    assertThat(Nevra.parse(larger)).as(why).isGreaterThan(Nevra.parse(smaller));
  }
}
