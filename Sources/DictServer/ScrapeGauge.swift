import Prometheus

/// A gauge whose samples are computed when `/metrics` is scraped (row counts, queue depths), so nothing has to keep
/// it up to date between scrapes. One gauge may yield several labelled samples (one per queue, say).
package struct ScrapeGauge: Sendable {
    /// One labelled value.
    package struct Sample: Sendable {
        package var labels: [(String, String)]
        package var value: Double

        package init(labels: [(String, String)] = [], value: Double) {
            self.labels = labels
            self.value = value
        }
    }

    /// Base name; the exported metric is `dict_<baseName>`.
    package let baseName: String
    /// Help text.
    package let help: String
    /// Reads the current samples.
    package let read: @Sendable () async throws -> [Sample]

    /// A gauge exported as `dict_<name>`.
    package init(name: String, help: String, read: @escaping @Sendable () async throws -> [Sample]) {
        baseName = name
        self.help = help
        self.read = read
    }

    /// The Prometheus descriptor, built on demand (`MetricNameDescriptor` is not `Sendable`).
    var descriptor: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "dict", metricName: baseName, unitName: "", helpText: help)
    }
}
