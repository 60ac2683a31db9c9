package io.fleetpatch.report;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for the HTML report: no scripts, no external assets, so the report is one file
 * that opens anywhere.
 */
final class SvgChart {
  private SvgChart() {}

  /** One segment of a bar. */
  record Segment(String name, long value, String color) {}

  /** One bar: a label and its segments, stacked left to right. */
  record Bar(String label, List<Segment> segments) {
    long total() {
      return segments.stream().mapToLong(Segment::value).sum();
    }
  }

  /**
   * Horizontal stacked bars, one per row, scaled to the largest total, with a legend.
   *
   * @param id the svg element id
   * @param title the accessible title
   */
  static String stackedBars(String id, String title, List<Bar> bars, List<Segment> legend) {
    int labelW = 190;
    int barW = 520;
    int rowH = 26;
    int top = 30;
    int height = top + Math.max(1, bars.size()) * rowH + 10;
    long max = Math.max(1, bars.stream().mapToLong(Bar::total).max().orElse(1));
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "<svg id=\"%s\" class=\"chart\" role=\"img\" aria-labelledby=\"%s-title\""
                + " xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\""
                + " height=\"%d\">",
            Html.esc(id),
            Html.esc(id),
            labelW + barW + 90,
            height,
            labelW + barW + 90,
            height));
    s.append("<title id=\"")
        .append(Html.esc(id))
        .append("-title\">")
        .append(Html.esc(title))
        .append("</title>");
    int lx = labelW;
    for (Segment l : legend) {
      s.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"6\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"16\""
                  + " class=\"legend\">%s</text>",
              lx,
              l.color(),
              lx + 16,
              Html.esc(l.name())));
      lx += 24 + 8 * l.name().length();
    }
    int y = top;
    for (Bar b : bars) {
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"label\">%s</text>",
              labelW - 8,
              y + 16,
              Html.esc(b.label())));
      double x = labelW;
      for (Segment seg : b.segments()) {
        if (seg.value() == 0) {
          continue;
        }
        double w = (double) barW * seg.value() / max;
        s.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"><title>%s: %s"
                    + " %d</title></rect>",
                x,
                y + 3,
                Math.max(w, 1.0),
                seg.color(),
                Html.esc(b.label()),
                Html.esc(seg.name()),
                seg.value()));
        x += w;
      }
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" class=\"value\">%d</text>",
              x + 6,
              y + 16,
              b.total()));
      y += rowH;
    }
    if (bars.isEmpty()) {
      s.append(
          String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">no data</text>", labelW, top + 16));
    }
    s.append("</svg>");
    return s.toString();
  }

  /** A donut of two shares (compliant and not), with the percentage in the middle. */
  static String donut(String id, long good, long bad, String goodColor, String badColor) {
    long total = Math.max(1, good + bad);
    double r = 50;
    double c = 2 * Math.PI * r;
    double goodLen = c * good / total;
    String pct = String.format(Locale.ROOT, "%.0f%%", 100.0 * good / total);
    return String.format(
        Locale.ROOT,
        "<svg id=\"%s\" class=\"donut\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0"
            + " 0 140 140\" width=\"140\" height=\"140\"><title>%d of %d hosts compliant</title>"
            + "<circle cx=\"70\" cy=\"70\" r=\"50\" fill=\"none\" stroke=\"%s\" stroke-width=\"22\"/>"
            + "<circle cx=\"70\" cy=\"70\" r=\"50\" fill=\"none\" stroke=\"%s\" stroke-width=\"22\""
            + " stroke-dasharray=\"%.2f %.2f\" transform=\"rotate(-90 70 70)\"/>"
            + "<text x=\"70\" y=\"76\" text-anchor=\"middle\" class=\"pct\">%s</text></svg>",
        Html.esc(id),
        good,
        good + bad,
        bad == 0 && good == 0 ? "#ccc" : badColor,
        goodColor,
        goodLen,
        c - goodLen,
        pct);
  }
}
