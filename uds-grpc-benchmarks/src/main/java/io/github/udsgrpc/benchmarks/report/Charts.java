package io.github.udsgrpc.benchmarks.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import io.github.udsgrpc.benchmarks.Results;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * results.png: six bar charts of the medians across rounds, per transport, in a grid of two columns.
 */
final class Charts {

	private static final int WIDTH = 800;

	private static final int HEIGHT = 480;

	private Charts() {
	}

	/** A bar series: one metric of one workload. */
	private record Series(String label, String workload, String metric) {
	}

	static void write(Results results, Path file) throws IOException {
		System.setProperty("java.awt.headless", "true");
		List<CategoryChart> charts = List.of(
				chart(results, "Unary latency, 1 caller: p50 (lower is better)", "µs",
						new Series("p50", "unary-latency", "p50")),
				chart(results, "Unary latency, 1 caller: p99 (lower is better)", "µs",
						new Series("p99", "unary-latency", "p99")),
				chart(results, "Unary throughput (higher is better)", "calls/s",
						new Series("16 callers", "unary-throughput-16", "calls/s"),
						new Series("64 callers", "unary-throughput-64", "calls/s")),
				chart(results, "New channel to first reply: median (lower is better)", "µs",
						new Series("connect", "connect", "median")),
				chart(results, "Server streaming, 1 KiB messages (higher is better)", "MiB/s",
						new Series("1 KiB", "stream-1k", "MiB/s")),
				chart(results, "Server streaming, 64 KiB messages (higher is better)", "MiB/s",
						new Series("64 KiB", "stream-64k", "MiB/s")));
		BufferedImage grid = new BufferedImage(2 * WIDTH, 3 * HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = grid.createGraphics();
		graphics.setColor(Color.WHITE);
		graphics.fillRect(0, 0, grid.getWidth(), grid.getHeight());
		for (int i = 0; i < charts.size(); i++) {
			graphics.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), (i % 2) * WIDTH, (i / 2) * HEIGHT, null);
		}
		graphics.dispose();
		ImageIO.write(grid, "png", file.toFile());
	}

	/** A chart of the transports that have a value for every series. */
	private static CategoryChart chart(Results results, String title, String unit, Series... series) {
		CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(unit).build();
		chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
		chart.getStyler().setLegendVisible(series.length > 1);
		chart.getStyler().setXAxisLabelRotation(20);
		chart.getStyler().setLabelsVisible(true);
		chart.getStyler().setLabelsRotation(0);
		chart.getStyler().setChartBackgroundColor(Color.WHITE);
		List<String> transports = results.transports()
			.stream()
			.filter((t) -> List.of(series)
				.stream()
				.allMatch((s) -> results.summary(t, s.workload(), s.metric()).isPresent()))
			.toList();
		if (transports.isEmpty()) {
			chart.setTitle(title + ": not measured");
			transports = List.of("-");
			chart.addSeries("none", transports, List.of(0));
			return chart;
		}
		double max = 0;
		for (Series s : series) {
			List<Number> medians = new ArrayList<>();
			for (String transport : transports) {
				double median = results.summary(transport, s.workload(), s.metric()).orElseThrow().median();
				medians.add(median);
				max = Math.max(max, median);
			}
			chart.addSeries(s.label(), transports, medians);
		}
		chart.getStyler().setYAxisDecimalPattern((max >= 100) ? "#,##0" : "#,##0.0");
		return chart;
	}

}
