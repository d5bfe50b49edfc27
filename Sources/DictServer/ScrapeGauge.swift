import Prometheus

/// A gauge whose samples are computed when `/metrics` is scraped (row counts, queue depths), so nothing has to keep
/// it up to date between scrapes. One gauge may yield several labelled samples (one per queue, say).
public struct ScrapeGauge: Sendable {
    /// One labelled value.
    public struct Sample: Sendable {
        public var labels: [(String, String)]
        public var value: Double

        public init(labels: [(String, String)] = [], value: Double) {
            self.labels = labels
            self.value = value
        }
    }

    /// Base name; the exported metric is `dict_<baseName>`.
    public let baseName: String
    /// Help text.
    public let help: String
    /// Reads the current samples.
    public let read: @Sendable () async throws -> [Sample]

    /// A gauge exported as `dict_<name>`.
    public init(name: String, help: String, read: @escaping @Sendable () async throws -> [Sample]) {
        baseName = name
        self.help = help
        self.read = read
    }

    /// The Prometheus descriptor, built on demand (`MetricNameDescriptor` is not `Sendable`).
    var descriptor: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "dict", metricName: baseName, unitName: "", helpText: help)
    }
}
