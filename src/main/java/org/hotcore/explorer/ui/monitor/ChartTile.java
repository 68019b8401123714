package org.hotcore.explorer.ui.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.hotcore.explorer.monitor.Sample;

/**
 * One chart of the monitor: a title, a line with the latest values and a line chart of the last samples. The x
 * axis is seconds since an origin shared by all tiles, labelled with the minutes before the latest sample.
 */
final class ChartTile {

    /** Seconds between the x axis labels: the start, the middle and the end of five minutes. */
    private static final double TICK_SECONDS = 150;

    /** A line of the chart: its legend name and its value in a sample, null when the sample has none. */
    record Line(String name, Function<Sample, Number> value) {
    }

    private final String id;
    private final List<Line> lines;
    private final Function<Sample, String> latest;
    private final NumberAxis xAxis = new NumberAxis();
    private final LineChart<Number, Number> chart;
    private final List<XYChart.Series<Number, Number>> series = new ArrayList<>();
    private final Label value = new Label();
    private final VBox root;

    /**
     * @param id the node id of the tile; the value label gets {@code id + "Value"} and the chart {@code id + "Chart"}
     * @param title the title above the chart, with the unit
     * @param latest formats the latest sample for the line under the title
     * @param lines the lines of the chart
     */
    ChartTile(String id, String title, Function<Sample, String> latest, List<Line> lines) {
        this.id = id;
        this.lines = List.copyOf(lines);
        this.latest = latest;
        xAxis.setAutoRanging(false);
        xAxis.setTickUnit(TICK_SECONDS);
        xAxis.setMinorTickVisible(false);
        xAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number seconds) {
                double ago = xAxis.getUpperBound() - seconds.doubleValue();
                return ago < 1 ? "now" : String.format(Locale.ROOT, "-%.1f min", ago / 60).replace(".0 ", " ");
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("the axis labels are not parsed");
            }
        });
        NumberAxis yAxis = new NumberAxis();
        yAxis.setForceZeroInRange(true);
        yAxis.setMinorTickVisible(false);
        chart = new LineChart<>(xAxis, yAxis);
        chart.setId(id + "Chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.getStyleClass().add(MonitorPane.CHART);
        for (Line line : this.lines) {
            XYChart.Series<Number, Number> one = new XYChart.Series<>();
            one.setName(line.name());
            series.add(one);
            chart.getData().add(one);
        }
        Label heading = new Label(title);
        heading.getStyleClass().add(MonitorPane.CHART_TITLE);
        heading.setMinWidth(0);
        value.setId(id + "Value");
        value.setWrapText(true);
        value.setMinHeight(Region.USE_PREF_SIZE);
        value.getStyleClass().add(MonitorPane.CHART_VALUE);
        root = new VBox(2, heading, value, chart);
        root.setId(id);
        root.getStyleClass().add(MonitorPane.TILE);
        VBox.setVgrow(chart, Priority.ALWAYS);
    }

    VBox view() {
        return root;
    }

    String id() {
        return id;
    }

    /** Shows the latest values of {@code sample} without adding it to the chart. */
    void showLatest(Sample sample) {
        value.setText(latest.apply(sample));
    }

    /** Adds a detailed sample to the chart and drops points older than {@code windowSeconds} before it. */
    void add(Sample sample, Instant chartOrigin, double windowSeconds) {
        double x = (sample.time().toEpochMilli() - chartOrigin.toEpochMilli()) / 1000.0;
        for (int i = 0; i < lines.size(); i++) {
            Number y = lines.get(i).value().apply(sample);
            ObservableList<XYChart.Data<Number, Number>> data = series.get(i).getData();
            if (y != null) {
                data.add(new XYChart.Data<>(x, y));
            }
            int old = 0;
            while (old < data.size() && data.get(old).getXValue().doubleValue() < x - windowSeconds) {
                old++;
            }
            if (old > 0) {
                data.remove(0, old);
            }
        }
        xAxis.setLowerBound(x - windowSeconds);
        xAxis.setUpperBound(x);
    }

    /** Removes every point, as when the connection changes. */
    void clear() {
        for (XYChart.Series<Number, Number> one : series) {
            one.getData().clear();
        }
    }

    /** Returns the y values of the named line, oldest first; for tests and inspection. */
    List<Double> values(String lineName) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).name().equals(lineName)) {
                return series.get(i).getData().stream().map(data -> data.getYValue().doubleValue()).toList();
            }
        }
        throw new IllegalArgumentException("no line named " + lineName + " in " + id);
    }
}
