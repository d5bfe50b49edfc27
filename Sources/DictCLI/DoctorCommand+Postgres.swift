import DictMigrations
import DictPostgres
import DictStore
import DictionaryCore
import DictionarySearch

extension DoctorCommand {
    /// `dict doctor --database`: the server answers, each service's schema has every migration, the semantic model
    /// search would use (as on SQLite), its files, its vectors' coverage, and OpenBLAS.
    func postgresChecks(_ location: PostgresLocation) async -> [Check] {
        var checks: [Check] = []
        checks.append(await Self.check("server") {
            try await PostgresSession.withSession(to: location) { session in
                "PostgreSQL \(try await session.serverVersion()) at \(location)"
            }
        })
        for service in Service.allCases {
            checks.append(await Self.check("\(service.rawValue) schema") {
                try await PostgresSession.withSession(to: location) { session in
                    let status = try await PostgresMigrationRunner(schema: service.rawValue, files: service.postgresMigrationFiles).status(in: session)
                    let pending = status.filter { $0.state == .pending }.count
                    guard pending == 0 else {
                        throw DoctorProblem("\(pending) pending migration(s); run: dict migrate --service \(service.rawValue) --database URL")
                    }
                    return "\(status.count) migrations applied"
                }
            })
        }
        var model = SemanticModel.defaultModel
        checks.append(await Self.check("semantic model") {
            try await Service.dictionary.withPostgres(location) { session in
                let store = PostgresEmbeddingStore(session: session)
                let withVectors = try await store.modelsWithVectors()
                let (chosen, source) = try SemanticModelChoice.resolve(recorded: try await store.recordedModel(), withVectors: withVectors)
                model = chosen
                let others = withVectors.filter { $0 != chosen.rawValue && $0 != chosen.englishCompanion?.rawValue }
                return "\(chosen.rawValue) (\(source.rawValue)); search, serve and eval embed queries with it"
                    + (others.isEmpty ? "" : "; also stored, not searched: \(others.joined(separator: ", "))")
            }
        })
        checks.append(modelFilesCheck(model))
        checks.append(await Self.check("vectors") {
            try await Service.dictionary.withPostgres(location) { session in
                let coverage = try await PostgresEmbeddingStore(session: session).coverage(model: model.rawValue)
                let detail = "\(coverage.covered) of \(coverage.entries) entries have \(model.rawValue) vectors"
                guard coverage.covered == coverage.entries else { throw DoctorProblem(detail + "; run: dict embed --database URL") }
                return detail
            }
        })
        if let companion = model.englishCompanion {
            checks.append(await Self.check("English companion") {
                try await Service.dictionary.withPostgres(location) { session in
                    let coverage = try await PostgresEmbeddingStore(session: session).coverage(model: companion.rawValue)
                    return try Self.companionDetail(model: model, companion: companion, entries: coverage.entries, covered: coverage.covered)
                }
            })
        }
        if model.isMultilingual {
            checks.append(await Self.check("language shifts") {
                try await Service.dictionary.withPostgres(location) { session in
                    Self.languageShiftsDetail(try await PostgresLanguageShiftStore(session: session).shifts(model: model.rawValue, dimension: model.dimension))
                }
            })
        }
        checks.append(Self.blasCheck())
        return checks
    }
}
