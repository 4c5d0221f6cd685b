package dev.watcher.bench;

import java.util.List;
import java.util.Locale;

/**
 * Draws the comparison chart as plain SVG: for each workload, one bar per watcher for
 * completeness (left) and for CPU seconds (right, scaled per workload, since the
 * workloads differ by orders of magnitude).
 *
 * @author watcher team
 */
final class Chart {

	private static final int BAR = 12;

	private static final int GAP = 18;

	private static final int LABELS = 150;

	private static final int PANEL = 300;

	private static final int BETWEEN = 90;

	private static final int TOP = 70;

	private final Report report;

	Chart(Report report) {
		this.report = report;
	}

	String svg() {
		List<String> watchers = this.report.watchers();
		List<String> workloads = this.report.workloads();
		int group = watchers.size() * BAR + GAP;
		int height = TOP + workloads.size() * group + 30;
		int width = LABELS + 2 * PANEL + BETWEEN + 80;
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
						+ "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n",
				width, height, width, height));
		svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
		int right = LABELS + PANEL + BETWEEN;
		text(svg, LABELS, 18, "Completeness (distinct expected paths reported)", "start", true);
		text(svg, right, 18, "CPU seconds (median; scaled per workload)", "start", true);
		legend(svg, watchers);
		for (int w = 0; w < workloads.size(); w++) {
			String workload = workloads.get(w);
			int top = TOP + w * group;
			text(svg, 8, top + (watchers.size() * BAR) / 2 + 4, workload, "start", true);
			double maxCpu = 0;
			for (String watcher : watchers) {
				double cpu = this.report.median(workload, watcher, Measurement::cpuSeconds);
				maxCpu = Double.isNaN(cpu) ? maxCpu : Math.max(maxCpu, cpu);
			}
			for (int i = 0; i < watchers.size(); i++) {
				String watcher = watchers.get(i);
				int y = top + i * BAR;
				double completeness = this.report.median(workload, watcher, Measurement::completeness);
				bar(svg, LABELS, y, completeness, i, Report.percent(completeness));
				double cpu = this.report.median(workload, watcher, Measurement::cpuSeconds);
				bar(svg, right, y, (maxCpu > 0) ? cpu / maxCpu : Double.NaN, i,
						Double.isNaN(cpu) ? "n/a" : String.format(Locale.ROOT, "%.2f s", cpu));
			}
			line(svg, LABELS, top - 4, LABELS + PANEL, top - 4);
		}
		line(svg, LABELS, TOP - 4, LABELS, height - 30);
		line(svg, right, TOP - 4, right, height - 30);
		svg.append("</svg>\n");
		return svg.toString();
	}

	private void legend(StringBuilder svg, List<String> watchers) {
		int x = LABELS;
		for (int i = 0; i < watchers.size(); i++) {
			svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"34\" width=\"10\" height=\"10\" fill=\"%s\"/>%n",
					x, Report.colour(i)));
			text(svg, x + 14, 43, watchers.get(i), "start", false);
			x += 24 + watchers.get(i).length() * 7;
		}
	}

	private static void bar(StringBuilder svg, int x, int y, double share, int colour, String label) {
		double length = Double.isNaN(share) ? 0 : Math.max(0.5, share * PANEL);
		svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n", x,
				y, length, BAR - 3, Report.colour(colour)));
		text(svg, (int) (x + length + 4), y + BAR - 3, label, "start", false);
	}

	private static void line(StringBuilder svg, int x1, int y1, int x2, int y2) {
		svg.append(String.format(Locale.ROOT,
				"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\" stroke-width=\"0.5\"/>%n", x1, y1, x2,
				y2));
	}

	private static void text(StringBuilder svg, int x, int y, String text, String anchor, boolean bold) {
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\"%s>%s</text>%n", x, y, anchor,
				bold ? " font-weight=\"bold\"" : "", text.replace("&", "&amp;").replace("<", "&lt;")));
	}

}
