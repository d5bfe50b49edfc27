import ArgumentParser
import DictEmbedding
import DictMigrations
import DictStore
import DictVectors
import DictionaryCore
import DictionarySearch
import Foundation

/// `dict doctor`: checks the databases, migrations, model files, vectors and BLAS, one line per check; with
/// `--database`, PostgreSQL's schemas instead of the data directory's files.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check databases, migrations, the local model, stored vectors and OpenBLAS."
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var database: DatabaseURLOption

    @Option(name: .customLong("model-dir"), help: "The folder of the data directory's semantic model to check (default: its environment variable, then ./models/<name>).")
    var modelDir: String?

    struct Check: Encodable {
        var name: String
        var ok: Bool
        var detail: String
    }

    func run() async throws {
        if let postgres = try database.location() {
            return try report(await postgresChecks(postgres))
        }
        var checks: [Check] = []
        func check(_ name: String, _ body: () throws -> String) {
            do { checks.append(Check(name: name, ok: true, detail: try body())) } catch {
                checks.append(Check(name: name, ok: false, detail: "\(error)"))
            }
        }
        let directory = global.dataDirectory
        check("data directory") {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw DoctorProblem("\(directory) does not exist; run: dict migrate --data-dir \(directory)")
            }
            guard FileManager.default.isWritableFile(atPath: directory) else { throw DoctorProblem("\(directory) is not writable") }
            return directory
        }
        for service in Service.allCases {
            check("\(service.rawValue) database") {
                let path = URL(fileURLWithPath: directory).appendingPathComponent(service.fileName).path
                guard FileManager.default.fileExists(atPath: path) else {
                    throw DoctorProblem("\(path) is missing; run: dict migrate --service \(service.rawValue)")
                }
                let database = try StoreDatabase(location: .file(path: path))
                let status = try service.migrationRunner().status(of: database)
                let pending = status.filter { $0.state == .pending }.count
                let integrity = try database.integrityCheck()
                guard integrity == "ok" else { throw DoctorProblem("quick_check: \(integrity)") }
                guard pending == 0 else {
                    throw DoctorProblem("\(pending) pending migration(s); run: dict migrate --service \(service.rawValue)")
                }
                return "\(status.count) migrations applied, journal \(try database.journalMode()), integrity ok"
            }
        }
        // The model search uses here (SemanticModelChoice); the model-file and vector checks follow it.
        var model = SemanticModel.defaultModel
        check("semantic model") {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(Service.dictionary.fileName).path
            guard FileManager.default.fileExists(atPath: path) else { throw DoctorProblem("no dictionary database") }
            let database = try StoreDatabase(location: .file(path: path))
            guard try Service.dictionary.migrationRunner().status(of: database).allSatisfy({ $0.state == .applied }) else {
                throw DoctorProblem("pending migrations; run: dict migrate")
            }
            let (chosen, source) = try SemanticModelChoice.resolve(database)
            model = chosen
            let others = try SemanticModelChoice.stored(in: database).withVectors
                .filter { $0 != chosen.rawValue && $0 != chosen.englishCompanion?.rawValue }
            return "\(chosen.rawValue) (\(source.rawValue)); search, serve and eval embed queries with it"
                + (others.isEmpty ? "" : "; also stored, not searched: \(others.joined(separator: ", "))")
                + "; change with: dict embed --model NAME"
        }
        checks.append(modelFilesCheck(model))
        check("vectors") {
            let modelName = model.rawValue
            let path = URL(fileURLWithPath: directory).appendingPathComponent(Service.dictionary.fileName).path
            guard FileManager.default.fileExists(atPath: path) else { throw DoctorProblem("no dictionary database") }
            let database = try StoreDatabase(location: .file(path: path))
            let coverage = try DictionaryStatistics(database: database).coverage(model: modelName)
            let detail = "\(coverage.coveredEntries) of \(coverage.entries) entries have \(modelName) vectors (\(coverage.vectors) rows)"
            guard coverage.coveredEntries == coverage.entries else { throw DoctorProblem(detail + "; run: dict embed --model \(modelName)") }
            return detail
        }
        if let companion = model.englishCompanion {
            check("English companion") {
                let path = URL(fileURLWithPath: directory).appendingPathComponent(Service.dictionary.fileName).path
                let database = try StoreDatabase(location: .file(path: path))
                let coverage = try DictionaryStatistics(database: database).coverage(model: companion.rawValue)
                return try Self.companionDetail(model: model, companion: companion, entries: coverage.entries, covered: coverage.coveredEntries)
            }
        }
        if model.isMultilingual {
            check("language shifts") {
                let path = URL(fileURLWithPath: directory).appendingPathComponent(Service.dictionary.fileName).path
                let database = try StoreDatabase(location: .file(path: path))
                return Self.languageShiftsDetail(try SQLiteLanguageShiftStore(database: database).shifts(model: model.rawValue, dimension: model.dimension))
            }
        }
        checks.append(Self.blasCheck())
        try report(checks)
    }

    /// Prints the checks (one line each, or JSON) and exits 3 when one failed.
    func report(_ checks: [Check]) throws {
        if global.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(checks), as: UTF8.self))
        } else {
            for check in checks { print("\(check.ok ? "ok  " : "FAIL")  \(check.name): \(check.detail)") }
        }
        if checks.contains(where: { !$0.ok }) { throw ExitStatus.dataError }
    }

    /// Runs a check: its detail when it returns, the error's text when it throws.
    static func check(_ name: String, _ body: () async throws -> String) async -> Check {
        do { return Check(name: name, ok: true, detail: try await body()) } catch {
            return Check(name: name, ok: false, detail: "\(error)")
        }
    }

    /// The model's files load and embed a text into a finite vector of its dimension.
    func modelFilesCheck(_ model: SemanticModel) -> Check {
        do {
            let embedder = try model.load(modelDirectory: modelDir, workers: 1).queries
            let vector = try embedder.embed(["doctor check"])[0]
            guard vector.count == embedder.dimension, vector.allSatisfy(\.isFinite) else { throw DoctorProblem("the model produced an unusable vector") }
            let location: String
            switch embedder {
            case let miniLM as MiniLMEmbedder:
                location = "\(miniLM.dimension) dimensions, \(miniLM.kernelDescription) kernels) in \(miniLM.modelDirectory)"
            case let e5 as E5RoleEmbedder:
                location = "\(e5.dimension) dimensions) in \(e5.model.modelFile)"
            default:
                location = "\(embedder.dimension) dimensions)"
            }
            return Check(name: "model files", ok: true, detail: "\(embedder.modelName) (\(location); sha256 verified by bash models/install.sh")
        } catch {
            return Check(name: "model files", ok: false, detail: "\(error)")
        }
    }

    /// The English companion check (`SemanticCompanion`): none (the model alone), or its vector coverage, which
    /// fails when incomplete (entries without its vectors count its cosine floor).
    static func companionDetail(model: SemanticModel, companion: SemanticModel, entries: Int, covered: Int) throws -> String {
        guard covered > 0 else {
            return "none: English queries are searched with \(model.rawValue) alone; dict embed adds \(companion.rawValue) vectors "
                + "to blend in (docs/search.md, \"English companion\")"
        }
        let detail = "\(covered) of \(entries) entries have \(companion.rawValue) vectors; English queries blend them with \(model.rawValue)'s"
        guard covered == entries else { throw DoctorProblem(detail + "; run: dict embed") }
        return detail
    }

    /// The languages a multilingual model's cross-language queries are shifted for (docs/search.md, "Language
    /// shift"); none is not a failure, only weaker cross-language search.
    static func languageShiftsDetail(_ shifts: QueryLanguageShifts) -> String {
        guard !shifts.isEmpty else {
            return "none: cross-language queries are not shifted; they need at least \(LanguageShiftSample.minimumPairs) "
                + "translated entries (metadata.translation_of) per language, then dict embed"
        }
        return "queries in " + shifts.shifts.keys.sorted().map(\.rawValue).joined(separator: ", ")
            + " are shifted when searched among other languages' entries"
    }

    /// OpenBLAS's sgemm self-test on this CPU.
    static func blasCheck() -> Check {
        guard BLASInfo.selfTest() else {
            return Check(name: "OpenBLAS", ok: false, detail: "sgemm self-test failed on this CPU (\(BLASInfo.coreName)); try OPENBLAS_CORETYPE")
        }
        return Check(name: "OpenBLAS", ok: true, detail: "\(BLASInfo.threads) thread(s), kernel \(BLASInfo.coreName), \(BLASInfo.configuration)")
    }
}

/// A failed doctor check's explanation.
struct DoctorProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
