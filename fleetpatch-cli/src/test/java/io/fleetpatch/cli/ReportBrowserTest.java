package io.fleetpatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.testing.SharedData;
import io.fleetpatch.testing.Tools;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The HTML report of a generated 1,000-host fleet, rendered in real headless Chromium: the page
 * loads, the chart is there, the browser logs no error. The screenshot is kept in
 * target/report-1000-hosts.png.
 */
class ReportBrowserTest {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  @Test
  void theReportOfAThousandHostsRendersInChromiumWithoutErrors(@TempDir Path dir) throws Exception {
    Tools.require(CHROMIUM, CHROMEDRIVER);
    Path fleet = dir.resolve("fleet");
    new ReportFleet().write(fleet, 1000, 42);
    Path ex = dir.resolve("exceptions.yaml");
    Files.writeString(
        ex,
        """
        exceptions:
          - id: EX-DB-1
            group: db
            justification: database tier frozen until the March release
            approver: dba-lead@example.com
            created: 2025-01-15
            expires: 2025-04-15
        """);
    Path html = dir.resolve("report.html");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new String[] {
              "report",
              fleet.toString(),
              "--advisories",
              ReportFleet.AL2_CORE.toString(),
              ReportFleet.AL2023_CORE.toString(),
              "--exceptions",
              ex.toString(),
              "--kev",
              SharedData.data("kev-epss/cisagov-kev-data/known_exploited_vulnerabilities.json")
                  .toString(),
              "--support-info",
              SharedData.data("al2023/al2023-support-statements/support_info.xml").toString(),
              "--al2023-packages",
              SharedData.data("al2023/Release-Notes-Amazon-Linux-2023.1.20230809.md").toString(),
              "--as-of",
              "2025-03-01",
              "--no-progress",
              "-o",
              html.toString()
            },
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).contains("1000 hosts");

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + dir.resolve("chromium-profile"),
        "--window-size=1400,2200");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    // the driver is given by path, so Selenium Manager never looks for (or downloads) one
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    try {
      driver.get(html.toUri().toString());
      assertThat(driver.getTitle()).startsWith("Fleet compliance 2025-03-01");
      WebElement chart = driver.findElement(By.id("fleet-chart"));
      assertThat(chart.isDisplayed()).isTrue();
      assertThat(chart.getSize().getWidth()).isGreaterThan(300);
      List<WebElement> bars = chart.findElements(By.tagName("rect"));
      assertThat(bars).as("legend + bars for the patch groups").hasSizeGreaterThan(4);
      assertThat(driver.findElement(By.id("compliance-donut")).isDisplayed()).isTrue();
      assertThat(driver.findElements(By.cssSelector("table.hosts > tbody > tr.host")))
          .hasSize(1000);
      assertThat(driver.findElement(By.id("overdue")).getText()).contains("Overdue");
      assertThat(driver.findElement(By.id("eol")).getText()).contains("Amazon Linux AMI");
      assertThat(driver.findElement(By.id("migration")).getText()).contains("AL2023");
      List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
      assertThat(entries.stream().filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()))
          .as("browser console")
          .isEmpty();
      byte[] png = driver.getScreenshotAs(OutputType.BYTES);
      Path shot = Path.of("target", "report-1000-hosts.png");
      Files.createDirectories(shot.getParent());
      Files.write(shot, png);
      Files.copy(
          html,
          Path.of("target", "report-1000-hosts.html"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      assertThat(png.length).isGreaterThan(10_000);
      // a second look: the host table with the first host's items opened
      WebElement first = driver.findElement(By.cssSelector("table.hosts details summary"));
      driver.executeScript("arguments[0].scrollIntoView(true);", first);
      first.click();
      assertThat(
              driver.findElement(By.cssSelector("table.hosts details table.items")).isDisplayed())
          .isTrue();
      Files.write(
          Path.of("target", "report-1000-hosts-detail.png"),
          driver.getScreenshotAs(OutputType.BYTES));
    } finally {
      driver.quit();
    }
  }
}
