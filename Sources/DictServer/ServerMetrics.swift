package import Prometheus

/// The service's Prometheus metrics, in a registry the application owns (never the process-global MetricsSystem,
/// which may be bootstrapped only once per process; `dict serve` may still bootstrap it for other libraries).
///
/// - `dict_http_requests_total{method, route, status}`: requests by route template (never the raw path, so label
///   cardinality stays bounded);
/// - `dict_http_request_duration_seconds{method, route}`: latency histogram;
/// - `dict_search_requests_total{mode}`: searches by mode (exact, prefix, lexical, semantic, hybrid, suggestions, batch);
/// - gauges read at scrape time from `ScrapeGauge`s (index size, queue depths, tokens today, …).
package final class ServerMetrics: Sendable {
    /// The registry `/metrics` prints.
    package let registry: PrometheusCollectorRegistry
    let gauges: [ScrapeGauge]

    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "dict", subsystem: "http", metricName: "requests", unitName: "total",
            helpText: "HTTP requests by method, route template and status code.")
    }
    static var duration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "dict", subsystem: "http", metricName: "request_duration", unitName: "seconds",
            helpText: "HTTP request latency by method and route template.")
    }
    static var searches: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "dict", subsystem: "search", metricName: "requests", unitName: "total",
            helpText: "Searches served, by search mode.")
    }
    static var scrapeErrors: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "dict", subsystem: "metrics", metricName: "scrape_errors", unitName: "total",
            helpText: "Scrape-time gauges that could not be read.")
    }
    static let latencyBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2.5), .seconds(5),
    ]

    /// Metrics in `registry`, with `gauges` refreshed at every scrape.
    package init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), gauges: [ScrapeGauge] = []) {
        self.registry = registry
        self.gauges = gauges
    }

    /// Counts one finished request and records its latency.
    package func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        registry.makeCounter(descriptor: Self.requests, labels: [("method", method), ("route", route), ("status", String(status))])
            .increment()
        registry.makeDurationHistogram(descriptor: Self.duration, labels: [("method", method), ("route", route)], buckets: Self.latencyBuckets)
            .record(duration)
    }

    /// Counts one search in `mode`.
    package func recordSearch(mode: String) {
        registry.makeCounter(descriptor: Self.searches, labels: [("mode", mode)]).increment()
    }

    /// Refreshes every scrape-time gauge, then renders the registry in the Prometheus text format.
    /// A gauge that fails keeps its previous value and increments `dict_metrics_scrape_errors_total`.
    package func render() async -> String {
        for gauge in gauges {
            do {
                for sample in try await gauge.read() {
                    registry.makeGauge(descriptor: gauge.descriptor, labels: sample.labels).set(sample.value)
                }
            } catch {
                registry.makeCounter(descriptor: Self.scrapeErrors, labels: [("gauge", gauge.descriptor.name)]).increment()
            }
        }
        return registry.emitToString()
    }
}
