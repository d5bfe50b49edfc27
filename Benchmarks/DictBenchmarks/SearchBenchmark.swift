import DictEmbedding
import DictStore
import DictVectors
package import DictionarySearch
import Foundation

/// In-process search latency per mode over real queries, with the parts of a semantic query measured alone as
/// anchors (query embedding, the exact and the int8 vector scan, the memory-read bound of each scan) and the int8
/// scan's candidate recall against the exact one.
package struct SearchBenchmark {
    /// What to run.
    package struct Configuration: Sendable {
        /// Descriptions ("something that does not cost a lot of money") and typed terms ("allegro", "cresendo").
        package var descriptions: [String] = []
        package var typedTerms: [String] = []
        /// Timed passes over the queries after one warm-up pass.
        package var passes = 3
        /// Results per search (the HTTP API's default page).
        package var limit = 20

        package init() {}
    }

    /// One mode's latency and its target.
    package struct ModeResult: Sendable, Encodable {
        package var mode: String
        package var queries: Int
        package var p50Milliseconds: Double
        package var p99Milliseconds: Double
        package var targetP50Milliseconds: Double
        package var targetP99Milliseconds: Double
        /// The slowest queries (worst timed pass each), slowest first: what drives the p99.
        package var slowest: [SlowQuery]
    }

    /// One query and its worst time over the timed passes.
    package struct SlowQuery: Sendable, Encodable {
        package var query: String
        package var milliseconds: Double
    }

    /// The semantic query's parts, measured alone in the same run.
    package struct Anchors: Sendable, Encodable {
        package var vectors: Int
        package var dimension: Int
        package var embedP50Milliseconds: Double
        package var exactScanP50Milliseconds: Double
        package var int8ScanP50Milliseconds: Double?
        /// Reading the float32 (and int8) matrix once with two threads: the scans' memory bound.
        package var float32ReadMilliseconds: Double
        package var int8ReadMilliseconds: Double
        /// Share of the exact scan's top 100 entries the int8 shortlist finds too (nil without an int8 copy).
        package var int8RecallAt100: Double?
    }

    /// The documented targets on two idle cores (issue "Search on the real corpus"): p50 and p99 in milliseconds.
    package static let targets: [SearchMode: (p50: Double, p99: Double)] = [
        .exact: (1, 3), .prefix: (2, 5), .lexical: (10, 40), .semantic: (15, 30), .hybrid: (20, 50),
    ]

    package let configuration: Configuration

    package init(configuration: Configuration) { self.configuration = configuration }

    /// Times every mode through `service` (whose semantic components should be `semantic`), then the anchors.
    package func run(service: SearchService, semantic: (components: SemanticComponents, backend: VectorIndexBackend)?,
                     progress: (String) -> Void) async throws -> (modes: [ModeResult], anchors: Anchors?) {
        var results: [ModeResult] = []
        for mode in SearchMode.allCases {
            if (mode == .semantic || mode == .hybrid) && semantic == nil { continue }
            let queries = mode == .exact || mode == .prefix
                ? configuration.typedTerms : configuration.descriptions + configuration.typedTerms
            guard !queries.isEmpty else { continue }
            progress("bench search: \(mode.rawValue), \(queries.count) queries × \(configuration.passes) passes")
            var samples: [Double] = []
            var worst: [String: Double] = [:]
            for pass in 0...configuration.passes {
                for query in queries {
                    let request = SearchRequest(query: query, mode: mode, limit: configuration.limit, source: .api)
                    let seconds = try await BenchmarkTiming.seconds {
                        do { _ = try await service.search(request) } catch SearchError.emptyQuery {}
                    }
                    if pass > 0 {
                        samples.append(seconds * 1000)
                        worst[query] = max(worst[query] ?? 0, seconds * 1000)
                    }
                }
            }
            let target = Self.targets[mode] ?? (0, 0)
            results.append(ModeResult(
                mode: mode.rawValue, queries: queries.count, p50Milliseconds: BenchmarkTiming.percentile(samples, 0.5),
                p99Milliseconds: BenchmarkTiming.percentile(samples, 0.99), targetP50Milliseconds: target.p50,
                targetP99Milliseconds: target.p99,
                slowest: worst.sorted { $0.value > $1.value }.prefix(3).map { SlowQuery(query: $0.key, milliseconds: $0.value) }))
        }
        guard let semantic else { return (results, nil) }
        return (results, try anchors(semantic, progress: progress))
    }

    private func anchors(_ semantic: (components: SemanticComponents, backend: VectorIndexBackend),
                         progress: (String) -> Void) throws -> Anchors {
        progress("bench search: anchors (embedding, scans, memory bound)")
        let index = semantic.backend.index
        let queries = Array(configuration.descriptions.prefix(100))
        var embed: [Double] = [], exact: [Double] = [], int8: [Double] = []
        var vectors: [[Float]] = []
        for query in queries {
            var vector: [Float] = []
            embed.append(try BenchmarkTiming.seconds { vector = try semantic.components.embedder.embed([query])[0] } * 1000)
            vectors.append(vector)
        }
        var found = 0, total = 0
        for vector in vectors {
            var exactHits: [VectorHit] = []
            exact.append(try BenchmarkTiming.seconds { exactHits = try index.search(query: vector, k: 100) } * 1000)
            if index.isQuantized {
                var approximate: [VectorHit] = []
                int8.append(try BenchmarkTiming.seconds {
                    approximate = try index.searchQuantized(query: vector, k: 100, rerankFactor: VectorScan.rerankFactor)
                } * 1000)
                let wanted = Set(exactHits.map(\.entryID))
                found += approximate.filter { wanted.contains($0.entryID) }.count
                total += wanted.count
            }
        }
        let floats = index.count * index.dimension
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: max(floats, 1))
        defer { buffer.deallocate() }
        buffer.initialize(repeating: 0.5, count: max(floats, 1))
        let float32Read = VectorBaselines.memoryReadMs(buffer, count: floats)
        let int8Read = VectorBaselines.memoryReadMs(buffer, count: floats / 4)
        return Anchors(
            vectors: index.count, dimension: index.dimension, embedP50Milliseconds: BenchmarkTiming.median(embed),
            exactScanP50Milliseconds: BenchmarkTiming.median(exact),
            int8ScanP50Milliseconds: int8.isEmpty ? nil : BenchmarkTiming.median(int8),
            float32ReadMilliseconds: float32Read, int8ReadMilliseconds: int8Read,
            int8RecallAt100: total == 0 ? nil : Double(found) / Double(total))
    }

    /// The report table: each mode beside its target and their ratio, then the anchors.
    package static func table(_ modes: [ModeResult], anchors: Anchors?, loadAverage: Double) -> String {
        var lines = [String(format: "in-process search latency (load average %.2f at start; limit 20; release build)", loadAverage)]
        lines.append("mode       queries   p50 ms  target  ratio   p99 ms  target  ratio")
        for result in modes {
            lines.append(result.mode.padding(toLength: 9, withPad: " ", startingAt: 0)
                + String(format: "  %7d  %7.2f  %6.1f  %5.2f  %7.2f  %6.1f  %5.2f", result.queries, result.p50Milliseconds,
                         result.targetP50Milliseconds, result.p50Milliseconds / result.targetP50Milliseconds,
                         result.p99Milliseconds, result.targetP99Milliseconds, result.p99Milliseconds / result.targetP99Milliseconds))
        }
        lines.append("")
        lines.append("slowest queries per mode (worst pass):")
        for result in modes {
            let slowest = result.slowest.map { "\"\($0.query)\" " + String(format: "%.1f ms", $0.milliseconds) }
            lines.append("  " + result.mode.padding(toLength: 9, withPad: " ", startingAt: 0) + slowest.joined(separator: ", "))
        }
        if let anchors {
            lines.append("")
            lines.append("semantic query parts, measured alone (\(anchors.vectors) vectors × \(anchors.dimension)):")
            lines.append(String(format: "  query embedding (batch 1)        p50 %7.2f ms", anchors.embedP50Milliseconds))
            lines.append(String(format: "  exact float32 scan, top 100      p50 %7.2f ms   memory-read bound %6.2f ms   ratio %5.2f",
                                anchors.exactScanP50Milliseconds, anchors.float32ReadMilliseconds,
                                anchors.exactScanP50Milliseconds / anchors.float32ReadMilliseconds))
            if let int8 = anchors.int8ScanP50Milliseconds {
                lines.append(String(format: "  int8 scan + exact re-rank        p50 %7.2f ms   memory-read bound %6.2f ms   ratio %5.2f   recall@100 %.3f",
                                    int8, anchors.int8ReadMilliseconds, int8 / anchors.int8ReadMilliseconds, anchors.int8RecallAt100 ?? 0))
            }
        }
        return lines.joined(separator: "\n")
    }
}
