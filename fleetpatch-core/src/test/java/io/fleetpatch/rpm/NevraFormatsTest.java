package io.fleetpatch.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NevraFormatsTest {
  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # rpm -qa line                          | nevra (- = gpg-pubkey)           | why
          openssl-1.0.2k-24.amzn2.x86_64          | openssl-1.0.2k-24.amzn2.x86_64   | rpm 4.18 %{nvr}%{archsuffix}: no epoch shown
          openssl-1:1.0.2k-24.amzn2.x86_64        | openssl-1:1.0.2k-24.amzn2.x86_64 | %{nevra} line keeps the epoch
          '  tzdata-2024a-1.amzn2.noarch  '       | tzdata-2024a-1.amzn2.noarch      | surrounding whitespace
          glibc-2.26-60.amzn2.i686                | glibc-2.26-60.amzn2.i686         | multilib
          gpg-pubkey-c87f5b1a-593863f8            | -                                | imported key: no arch, not a package
          gpg-pubkey-8783d481-63ceb953            | -                                | imported key
          """)
  void readsRpmQaLines(String line, String nevra, String why) {
    assertThat(NevraFormats.parseRpmQa(line))
        .as(why)
        .isEqualTo(Optional.ofNullable(nevra).map(Nevra::parse));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # rpm -qa line                       | why                                  | message part
          bash-4.1.2-15.el5                    | RHEL 5 rpm printed no arch           | not an rpm arch
          gpg-pubkey-zz-593863f8               | not hex: not a key                   | not a NEVRA
          bash                                 | a name only                          | not a NEVRA
          'bash 4.1.2 15.el5 x86_64'           | whitespace-separated fields          | not a NEVRA
          ''                                   | empty line                           | not a NEVRA
          """)
  void rejectsBadRpmQaLinesQuotingThem(String line, String why, String part) {
    assertThatThrownBy(() -> NevraFormats.parseRpmQa(line))
        .as(why)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + line.strip() + "'")
        .hasMessageContaining(part);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # NAME\\tEPOCH\\tVERSION\\tRELEASE\\tARCH (\\t written as ,) | nevra    | why
          openssl,1,1.0.2k,24.amzn2,x86_64          | openssl-1:1.0.2k-24.amzn2.x86_64 | epoch
          glibc,(none),2.26,60.amzn2,i686           | glibc-2.26-60.amzn2.i686         | %{EPOCH} of a package without Epoch
          glibc,,2.26,60.amzn2,i686                 | glibc-2.26-60.amzn2.i686         | empty epoch
          tilde,0,1.0~rc1,1,x86_64                  | tilde-0:1.0~rc1-1.x86_64         | explicit Epoch: 0 is kept
          tzdata,(none),2024a,1.amzn2,noarch,extra  | tzdata-2024a-1.amzn2.noarch      | extra columns ignored
          gpg-pubkey,(none),8783d481,63ceb953,(none) | -                               | imported key
          gpg-pubkey,,f4a80eb5,53a7ff4b,            | -                                | imported key, empty cells
          """)
  void readsTabSeparatedLines(String commas, String nevra, String why) {
    assertThat(
            NevraFormats.parseTabSeparated(commas.replace(',', '\t'), NevraFormats.Columns.DEFAULT))
        .as(why)
        .isEqualTo(Optional.ofNullable(nevra).map(Nevra::parse));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # line (\\t written as ,)               | why                      | message part
          openssl,1,1.0.2k,24.amzn2               | four columns             | expected at least 5
          openssl,x,1.0.2k,24.amzn2,x86_64        | epoch not a number       | epoch is not a number: 'x'
          openssl,-1,1.0.2k,24.amzn2,x86_64       | negative epoch           | epoch is not a number: '-1'
          openssl,1,,24.amzn2,x86_64              | empty version            | missing version
          openssl,1,1.0,,x86_64                   | empty release            | missing release
          openssl,1,1.0,1,(none)                  | no arch on a real package | missing arch
          openssl,1,1.0,1,x86-64                  | bad arch                 | bad arch
          ,1,1.0,1,x86_64                         | no name                  | missing package name
          openssl,1,1 .0,1,x86_64                 | space in the version     | space or control
          """)
  void rejectsBadTabSeparatedLinesQuotingThem(String commas, String why, String part) {
    String line = commas.replace(',', '\t');
    assertThatThrownBy(() -> NevraFormats.parseTabSeparated(line, NevraFormats.Columns.DEFAULT))
        .as(why)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(part)
        .hasMessageContaining("'" + line.replace("\t", "\\u0009") + "'");
  }

  @Test
  void columnsFromAHeader() {
    NevraFormats.Columns c =
        NevraFormats.Columns.fromHeader("epoch\tname\tversion\trelease\tarch\tsourcerpm\tsize");
    assertThat(c).isEqualTo(new NevraFormats.Columns(1, 0, 2, 3, 4));
    assertThat(
            NevraFormats.Columns.fromHeader(
                "%{NAME}\t%{EPOCHNUM}\t%{VERSION}\t%{RELEASE}\t%{ARCH}"))
        .isEqualTo(NevraFormats.Columns.DEFAULT);
    assertThat(NevraFormats.parseTabSeparated("\tbash\t4.4\t1.el8\tx86_64\tbash.src.rpm", c))
        .contains(Nevra.parse("bash-4.4-1.el8.x86_64"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # header                                   | why
          name,version,release,arch                  | no epoch column
          name,epoch,version,release,arch,Name       | name twice
          NAME EPOCH VERSION RELEASE ARCH            | not tab-separated
          """)
  void rejectsBadHeaders(String commas, String why) {
    String header = commas.replace(',', '\t');
    assertThatThrownBy(() -> NevraFormats.Columns.fromHeader(header))
        .as(why)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("header '");
  }

  @ParameterizedTest(name = "epoch={1}: {6}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # name   | epoch | version | release      | arch   | nevra                           | why
          openssl  | 1     | 1.0.2k  | 24.amzn2     | x86_64 | openssl-1:1.0.2k-24.amzn2.x86_64 | updateinfo epoch="1"
          curl     | 0     | 7.55.1  | 9.amzn2.0.1  | x86_64 | curl-0:7.55.1-9.amzn2.0.1.x86_64 | updateinfo epoch="0" (explicit)
          curl     | -     | 7.55.1  | 9.amzn2.0.1  | x86_64 | curl-7.55.1-9.amzn2.0.1.x86_64   | no epoch attribute
          curl     | ''    | 7.55.1  | 9.amzn2.0.1  | x86_64 | curl-7.55.1-9.amzn2.0.1.x86_64   | empty epoch attribute
          java     | 007   | 1.8.0   | 1            | noarch | java-7:1.8.0-1.noarch            | leading zeros
          """)
  void buildsFromUpdateinfoAttributes(
      String name,
      String epoch,
      String version,
      String release,
      String arch,
      String nevra,
      String why) {
    Nevra n = NevraFormats.fromFields(name, epoch, version, release, arch);
    assertThat(n).as(why).isEqualTo(Nevra.parse(nevra));
  }

  @Test
  void epochZeroAndAbsentCompareEqual() {
    Nevra zero = NevraFormats.fromFields("curl", "0", "7.55.1", "9", "x86_64");
    Nevra none = NevraFormats.fromFields("curl", null, "7.55.1", "9", "x86_64");
    assertThat(zero).isNotEqualTo(none);
    assertThat(zero.compareTo(none)).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # epoch                 | message part
          x                       | 'x'
          1.0                     | '1.0'
          ' 1'                    | ' 1'
          1234567890123456789     | epoch too large
          """)
  void rejectsBadEpochs(String epoch, String part) {
    assertThatThrownBy(() -> NevraFormats.parseEpoch(epoch))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(part);
  }
}
