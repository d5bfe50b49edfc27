import DictMigrations
import DictStore
import DictionaryCore
import Foundation
import Hummingbird
import Logging

/// `/livez`, `/readyz`, `/health` and `/metrics`: unauthenticated, never rate limited, plain (non-enveloped)
/// bodies as in the original so probes and Prometheus can read them.
struct HealthRoutes {
    let dependencies: ServerDependencies

    /// `{status:"ok", timestamp}`: the process answers.
    struct Liveness: ResponseEncodable {
        let status: String
        let timestamp: String
    }

    /// `{status:"ready"|"not ready", timestamp, error?}`.
    struct Readiness: ResponseEncodable {
        let status: String
        let timestamp: String
        let error: String?
    }

    /// `/health`: overall status, uptime and one entry per check.
    struct Health: ResponseEncodable {
        struct Check: Codable, Sendable {
            let status: String
            let latencyMS: Double?
            let detail: [String: Int]?
            let error: String?

            enum CodingKeys: String, CodingKey {
                case status, detail, error
                case latencyMS = "latency_ms"
            }
        }

        let status: String
        let version: String
        let uptimeSeconds: Int
        let timestamp: String
        let checks: [String: Check]

        enum CodingKeys: String, CodingKey {
            case status, version, timestamp, checks
            case uptimeSeconds = "uptime_seconds"
        }
    }

    func register(on router: Router<DictRequestContext>) {
        router.get("/livez") { _, _ in
            Liveness(status: "ok", timestamp: Timestamp.now())
        }
        router.get("/readyz") { _, context in
            let state = await readiness(logger: context.logger)
            return EditedResponse(status: state.status == "ready" ? .ok : .serviceUnavailable, response: state)
        }
        router.get("/health") { _, _ in
            let health = await health()
            return EditedResponse(status: health.status == "healthy" ? .ok : .serviceUnavailable, response: health)
        }
        router.get("/metrics") { _, _ in
            let text = await dependencies.metrics.render()
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }

    /// Ready when the database answers, every migration is applied and the dictionary has entries: a server
    /// started on an empty or unmigrated data directory would answer every lookup with 404, so a load balancer
    /// must not send it traffic. `error` says why it is not ready.
    /// On SQLite the stores read synchronously (GRDB's async pooled reads deadlocked bursts of probes; see 73f536a).
    func readiness(logger: Logger) async -> Readiness {
        func notReady(_ reason: String) -> Readiness { Readiness(status: "not ready", timestamp: Timestamp.now(), error: reason) }
        do {
            let pending = try await dependencies.migrationStatus().pending
            if pending > 0 { return notReady("\(pending) pending migration(s): run dict migrate") }
            if try await !dependencies.statistics.hasEntries() { return notReady("the dictionary is empty: run dict import") }
            return Readiness(status: "ready", timestamp: Timestamp.now(), error: nil)
        } catch {
            logger.warning("readiness check failed", metadata: ["error": "\(error)"])
            return notReady("database unavailable")
        }
    }

    /// Failures of work that does not fail its caller (`OperationalFailures`): `detail` counts them per operation
    /// since start; the check fails while any of them left work undone (e.g. entries whose vectors the index could
    /// not re-read), naming the last error, and recovers once a retry succeeds.
    func operationsCheck() -> Health.Check {
        let snapshot = dependencies.failures.snapshot()
        var detail: [String: Int] = [:]
        for (operation, summary) in snapshot {
            detail[operation.rawValue] = summary.count
            if summary.outstanding > 0 { detail[operation.rawValue + "_outstanding"] = summary.outstanding }
        }
        let undone = snapshot.filter { $0.value.outstanding > 0 }.sorted { $0.key.rawValue < $1.key.rawValue }
        guard let first = undone.first else { return .init(status: "ok", latencyMS: nil, detail: detail, error: nil) }
        return .init(status: "error", latencyMS: nil, detail: detail,
                     error: "\(first.key.rawValue): \(first.value.outstanding) outstanding; last error: \(first.value.lastError)")
    }

    /// Runs every check; any failure makes the service `degraded` (503).
    func health() async -> Health {
        var checks: [String: Health.Check] = [:]
        let start = ContinuousClock.now
        do {
            let totals = try await dependencies.statistics.totals()
            let counts = ["entries": totals.entries, "embeddings": totals.embeddings]
            let elapsed = ContinuousClock.now - start
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            checks["database"] = .init(status: "ok", latencyMS: (milliseconds * 1000).rounded() / 1000, detail: counts, error: nil)
        } catch {
            checks["database"] = .init(status: "error", latencyMS: nil, detail: nil, error: "database unavailable")
        }
        do {
            let (applied, pending) = try await dependencies.migrationStatus()
            checks["migrations"] = .init(
                status: pending == 0 ? "ok" : "error", latencyMS: nil, detail: ["applied": applied, "pending": pending],
                error: pending == 0 ? nil : "\(pending) pending migration(s): run dict migrate")
        } catch {
            checks["migrations"] = .init(status: "error", latencyMS: nil, detail: nil, error: "migration status unavailable")
        }
        checks["operations"] = operationsCheck()
        let healthy = checks.values.allSatisfy { $0.status == "ok" }
        return Health(
            status: healthy ? "healthy" : "degraded", version: DictHTTPServer.version,
            uptimeSeconds: max(0, Int(Date().timeIntervalSince(dependencies.startedAt))), timestamp: Timestamp.now(), checks: checks)
    }
}
