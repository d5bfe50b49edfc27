import DictEmbedding
import DictStore
import DictTesting
import DictVectors
import Foundation
import GRDB
import Testing
@testable import DictionaryCore
@testable import DictionaryQueues
@testable import DictionarySearch



/// A backend that reports the model of its vectors.
private struct NamedBackend: SemanticBackend {
    let base: BruteForceBackend
    let modelName: String?
    func search(query: UnitVector, k: Int, filters: SearchFilters, partOfSpeech: PartOfSpeech?, minSimilarity: Float) throws
        -> [SemanticMatch] {
        try base.search(query: query, k: k, filters: filters, partOfSpeech: partOfSpeech, minSimilarity: minSimilarity)
    }
    func matches(query: UnitVector, entryIDs: [String], partOfSpeech: PartOfSpeech?) throws -> [SemanticMatch] {
        try base.matches(query: query, entryIDs: entryIDs, partOfSpeech: partOfSpeech)
    }
}

/// A backend with language shifts that records the query vectors and result languages each search asks for.
private final class ShiftRecordingBackend: SemanticBackend, @unchecked Sendable {
    let base: BruteForceBackend
    let languageShifts: QueryLanguageShifts
    private let lock = NSLock()
    private var asked: [(languages: Set<Language>, query: [Float])] = []

    init(base: BruteForceBackend, shifts: QueryLanguageShifts) { self.base = base; languageShifts = shifts }

    /// The searches asked since the last call, then forgets them.
    func take() -> [(languages: Set<Language>, query: [Float])] { lock.withLock { defer { asked = [] }; return asked } }

    func search(query: UnitVector, k: Int, filters: SearchFilters, partOfSpeech: PartOfSpeech?, minSimilarity: Float) throws
        -> [SemanticMatch] {
        lock.withLock { asked.append((Set(filters.languages), query.components)) }
        return try base.search(query: query, k: k, filters: filters, partOfSpeech: partOfSpeech, minSimilarity: minSimilarity)
    }
    func matches(query: UnitVector, entryIDs: [String], partOfSpeech: PartOfSpeech?) throws -> [SemanticMatch] {
        try base.matches(query: query, entryIDs: entryIDs, partOfSpeech: partOfSpeech)
    }
}

@Suite("Semantic model: choice per data directory, CJK and cross-language behaviour")
struct SemanticModelTests {
    private func services(_ fixture: FixtureDictionary) throws -> (english: SearchService, multilingual: SearchService) {
        let (english, backend) = try fixture.semanticComponents()
        let multilingual = SemanticComponents(embedder: MultilingualBagOfWordsEmbedder(), backend: backend)
        return (SearchService(database: fixture.database, semantic: english),
                SearchService(database: fixture.database, semantic: multilingual))
    }

    private func insertVector(_ database: StoreDatabase, entryID: String, model: String) throws {
        try database.write { db in
            try db.execute(sql: "INSERT INTO term_embeddings (entry_id, model, dimension, chunk, embedding) VALUES (?, ?, 2, 0, ?)",
                           arguments: [entryID, model, Data([0, 0, 128, 63, 0, 0, 0, 0])])
        }
    }

    @Test("No vectors: the default; one model's vectors: that model; several: an error naming them; recorded wins")
    func choiceFollowsRecordThenVectors() throws {
        let fixture = try FixtureDictionary(kind: .file)
        let database = fixture.database
        #expect(try SemanticModelChoice.resolve(database).model == .miniLM)
        #expect(try SemanticModelChoice.resolve(database).source == .defaultModel)

        try insertVector(database, entryID: fixture.entries[0].id, model: SemanticModel.multilingualE5.rawValue)
        #expect(try SemanticModelChoice.resolve(database).model == .multilingualE5)
        #expect(try SemanticModelChoice.resolve(database).source == .onlyVectors)

        try insertVector(database, entryID: fixture.entries[0].id, model: SemanticModel.miniLM.rawValue)
        #expect(throws: SemanticModelError.ambiguous(models: ["all-MiniLM-L6-v2", "multilingual-e5-small"])) {
            try SemanticModelChoice.resolve(database)
        }
        #expect(SemanticModelError.ambiguous(models: ["a", "b"]).description.contains("dict embed --model NAME"))

        #expect(try SemanticModelChoice.record(.multilingualE5, dimension: 384, in: database) == nil)
        #expect(try SemanticModelChoice.resolve(database).model == .multilingualE5)
        #expect(try SemanticModelChoice.resolve(database).source == .recorded)
        #expect(try SemanticModelChoice.record(.miniLM, dimension: 384, in: database) == "multilingual-e5-small")
        #expect(try SemanticModelChoice.resolve(database).model == .miniLM)
        let rows = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM semantic_model") }
        #expect(rows == 1)
    }

    @Test("An unknown model name is refused with the known names, never guessed")
    func unknownModelNames() throws {
        #expect(throws: SemanticModelError.unknownModel(found: "gpt-9", known: ["all-MiniLM-L6-v2", "multilingual-e5-small"])) {
            try SemanticModel(named: "gpt-9")
        }
        let fixture = try FixtureDictionary(kind: .memory)
        try fixture.database.write { db in
            try db.execute(sql: "INSERT INTO semantic_model (id, model, dimension) VALUES (1, 'bge-large', 1024)")
        }
        #expect(throws: SemanticModelError.self) { try SemanticModelChoice.resolve(fixture.database) }
    }

    @Test("A query embedded with one model is never compared with another model's vectors")
    func modelMismatchIsRefused() async throws {
        let fixture = try FixtureDictionary(kind: .memory)
        let (components, backend) = try fixture.semanticComponents()
        let mismatched = SearchService(database: fixture.database, semantic: SemanticComponents(
            embedder: components.embedder, backend: NamedBackend(base: backend, modelName: "multilingual-e5-small")))
        await #expect(throws: SearchError.modelMismatch(queryModel: "test-hashed-bow", indexModel: "multilingual-e5-small")) {
            try await mismatched.search(SearchRequest(query: "gradually louder", mode: .semantic))
        }
        let matched = SearchService(database: fixture.database, semantic: SemanticComponents(
            embedder: components.embedder, backend: NamedBackend(base: backend, modelName: "test-hashed-bow")))
        #expect(try await matched.search(SearchRequest(query: "gradually louder", mode: .semantic)).results.first?.entry.term == "crescendo")
    }

    @Test("A CJK query skips the semantic leg with an English model and keeps it with a multilingual one")
    func cjkSemanticLegDependsOnTheModel() async throws {
        let fixture = try FixtureDictionary(kind: .memory)
        let (english, multilingual) = try services(fixture)
        let request = SearchRequest(query: "渐渐变强", mode: .hybrid)
        let skipped = try await english.search(request)
        #expect(skipped.notes.contains { $0.contains("mostly CJK") }, "\(skipped.notes)")
        #expect(skipped.results.allSatisfy { $0.semanticRank == nil })
        let kept = try await multilingual.search(request)
        #expect(!kept.notes.contains { $0.contains("mostly CJK") }, "\(kept.notes)")
        #expect(kept.results.contains { $0.semanticRank != nil && $0.entry.term == "渐强" })
        let semantic = try await multilingual.search(SearchRequest(query: "渐渐变强", mode: .semantic))
        #expect(semantic.notes.isEmpty, "\(semantic.notes)")
        #expect(semantic.results.first?.entry.term == "渐强")
    }

    @Test("Chinese entries stay in the semantic leg of a non-Chinese query only with a multilingual model")
    func chineseEntriesAndTheMultilingualModel() async throws {
        let fixture = try FixtureDictionary(kind: .memory)
        let (english, multilingual) = try services(fixture)
        let request = SearchRequest(query: "crescendo gradually", mode: .semantic)
        #expect(!english.semanticFilters(request, normalized: "crescendo gradually").languages.contains(.zhCN))
        #expect(multilingual.semanticFilters(request, normalized: "crescendo gradually").languages.isEmpty)
        let results = try await multilingual.search(SearchRequest(query: "crescendo gradually", mode: .semantic, limit: 50)).results
        #expect(results.contains { $0.entry.lang == .zhCN })
    }

    @Test("A declared foreign query language passes the vocabulary gate with a multilingual model; an English model notes it")
    func queryLanguageAndTheVocabularyGate() async throws {
        let fixture = try FixtureDictionary(kind: .memory)
        let (english, multilingual) = try services(fixture)
        // "gradually" is in the dictionary's text, "werdend" and "allmählich" are not: 1 of 3 words known.
        let undeclared = SearchRequest(query: "allmählich gradually werdend", mode: .hybrid, filters: SearchFilters(languages: [.en]))
        #expect(try await multilingual.search(undeclared).notes.contains { $0.contains("semantic leg skipped") })
        var declared = undeclared
        declared.queryLanguage = .de
        let crossing = try await multilingual.search(declared)
        #expect(!crossing.notes.contains { $0.contains("semantic leg skipped") }, "\(crossing.notes)")
        #expect(crossing.results.contains { $0.semanticRank != nil })
        #expect(crossing.results.allSatisfy { $0.entry.lang == .en })
        let noted = try await english.search(declared)
        #expect(noted.notes.contains { $0.contains("query language de") }, "\(noted.notes)")
        #expect(noted.notes.contains { $0.contains("semantic leg skipped") })
        // The query's own language among the results' is not cross-language: the gate applies.
        var same = declared
        same.filters.languages = [.de, .en]
        #expect(try await multilingual.search(same).notes.contains { $0.contains("semantic leg skipped") })
    }

    @Test("A query is moved by its language's shift only when searched among other languages' entries; an unstated language is guessed")
    func languageShiftsApplyAcrossLanguagesOnly() async throws {
        let fixture = try FixtureDictionary(kind: .memory)
        let (_, backend) = try fixture.semanticComponents()
        let embedder = MultilingualBagOfWordsEmbedder()
        let german = try embedder.embed(["sehr langsam werdend"])[0].map { $0 * 0.5 }
        let simplified = try embedder.embed(["渐强 渐弱"])[0].map { $0 * 0.5 }, traditional = try embedder.embed(["漸強"])[0].map { $0 * 0.5 }
        let shifts = QueryLanguageShifts(shifts: [.de: german, .zhCN: simplified, .zhTW: traditional, .en: german])
        #expect(shifts.shifts[.en] == nil, "English is the reference and is never shifted")
        let recording = ShiftRecordingBackend(base: backend, shifts: shifts)
        let service = SearchService(database: fixture.database, semantic: SemanticComponents(embedder: embedder, backend: recording))
        func close(_ a: [Float], _ b: [Float]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-5 } }

        // Its own language's entries: searched as embedded.
        _ = try await service.search(SearchRequest(query: "gradually louder", mode: .semantic, filters: SearchFilters(languages: [.de]),
                                                   queryLanguage: .de))
        let raw = try #require(recording.take().first?.query)
        // English results: the direct ranking gets the shifted vector, the ranking among German entries (whose
        // translations it brings) the vector as embedded.
        _ = try await service.search(SearchRequest(query: "gradually louder", mode: .semantic, filters: SearchFilters(languages: [.en]),
                                                   queryLanguage: .de))
        let crossing = recording.take()
        let expected = shifts.shifted(try UnitVector(normalizing: raw, dimension: raw.count), language: .de).components
        #expect(!close(expected, raw))
        #expect(crossing.contains { $0.languages == [.en] && close($0.query, expected) }, "\(crossing.map(\.languages))")
        #expect(crossing.contains { $0.languages == [.de] && close($0.query, raw) })
        // Every language, or no stated language for a Latin-script query: as embedded.
        _ = try await service.search(SearchRequest(query: "gradually louder", mode: .semantic, queryLanguage: .de))
        _ = try await service.search(SearchRequest(query: "gradually louder", mode: .semantic, filters: SearchFilters(languages: [.en])))
        #expect(recording.take().allSatisfy { close($0.query, raw) })

        // A CJK query stating no language, English results: shifted by the variant it leans towards.
        _ = try await service.search(SearchRequest(query: "渐强", mode: .semantic, filters: SearchFilters(languages: [.zhCN])))
        let cjk = try #require(recording.take().first?.query)
        let cjkVector = try UnitVector(normalizing: cjk, dimension: cjk.count)
        #expect(shifts.chineseVariant(leaning: cjkVector) == .zhCN)
        let guessedChinese = try await service.search(SearchRequest(query: "渐强", mode: .semantic, filters: SearchFilters(languages: [.en])))
        #expect(guessedChinese.notes.contains("query language guessed: zh-CN (searched as with query_lang=zh-CN)"), "\(guessedChinese.notes)")
        let chineseAsked = recording.take()
        #expect(chineseAsked.contains { $0.languages == [.en] && close($0.query, shifts.shifted(cjkVector, language: .zhCN).components) })
        #expect(chineseAsked.contains { $0.languages == [.zhCN] && close($0.query, cjk) }, "as stated: its own language's ranking too")

        // A Latin-script description stating no language, English results: its guessed language's shift, as if
        // stated, and a note saying so.
        let description = "die Musik wird nach und nach immer lauter"
        let germanRaw = try embedder.embed([TermNormalizer.normalize(description)])[0]
        let guessed = try await service.search(SearchRequest(query: description, mode: .hybrid, filters: SearchFilters(languages: [.en])))
        #expect(guessed.notes.contains("query language guessed: de (searched as with query_lang=de)"), "\(guessed.notes)")
        let germanShifted = shifts.shifted(try UnitVector(normalizing: germanRaw, dimension: germanRaw.count), language: .de).components
        #expect(recording.take().contains { $0.languages == [.en] && close($0.query, germanShifted) })
        let stated = try await service.search(SearchRequest(query: description, mode: .hybrid, filters: SearchFilters(languages: [.en]),
                                                            queryLanguage: .de))
        #expect(stated.results.map(\.entry.id) == guessed.results.map(\.entry.id))
        #expect(!stated.notes.contains { $0.hasPrefix("query language guessed") })
        _ = recording.take()
        // Lexical modes and an English-only model never guess.
        let lexical = try await service.search(SearchRequest(query: description, mode: .lexical, filters: SearchFilters(languages: [.en])))
        #expect(!lexical.notes.contains { $0.hasPrefix("query language guessed") })
        let english = SearchService(database: fixture.database, semantic: try fixture.semanticComponents().0)
        let unguessed = try await english.search(SearchRequest(query: description, mode: .hybrid, filters: SearchFilters(languages: [.en])))
        #expect(!unguessed.notes.contains { $0.hasPrefix("query language guessed") }, "\(unguessed.notes)")
    }

    @Test("Hybrid blends cross-language queries at the cross-language ratio with a multilingual model only, unless the request sets one")
    func crossLanguageRatio() async throws {
        let fixture = try FixtureDictionary(kind: .memory)
        let (english, multilingual) = try services(fixture)
        func ratio(_ service: SearchService, _ request: SearchRequest) async throws -> Double? {
            try await service.search(request).results.first?.explanation?.semanticRatio
        }
        var request = SearchRequest(query: "gradually louder", mode: .hybrid, filters: SearchFilters(languages: [.en]))
        request.explain = true
        request.queryLanguage = .de
        #expect(try await ratio(multilingual, request) == SearchConfiguration().crossLanguageSemanticRatio)
        #expect(SearchConfiguration().crossLanguageSemanticRatio == 0.85)
        #expect(try await ratio(english, request) == 0.5)
        request.semanticRatio = 0.3
        #expect(try await ratio(multilingual, request) == 0.3)
        request.semanticRatio = nil
        request.queryLanguage = .en
        #expect(try await ratio(multilingual, request) == 0.5)
    }

    @Test("Shifts keep English out, move a query by its language's shift, and are stored and read back exactly")
    func shiftValuesAndBlobs() throws {
        let shifts = QueryLanguageShifts(shifts: [.de: [0, 0.5, 0], .fr: [1, 0], .en: [0.1, 0.1, 0.1]])
        #expect(Set(shifts.shifts.keys).count == 1 && (shifts.shifts[.de] != nil) != (shifts.shifts[.fr] != nil), "one length kept, English dropped")
        let only = QueryLanguageShifts(shifts: [.de: [0, 0.5, 0]])
        let query = try UnitVector(normalizing: [0, 1, 1], dimension: 3)
        let moved = only.shifted(query, language: .de).components
        let u = (0.5 as Float).squareRoot(), norm = ((u - 0.5) * (u - 0.5) + u * u).squareRoot()
        #expect(zip(moved, [0, (u - 0.5) / norm, u / norm]).allSatisfy { abs($0 - $1) < 1e-5 }, "\(moved)")
        #expect(only.shifted(query, language: .en) == query && only.shifted(query, language: nil) == query && QueryLanguageShifts.none.isEmpty)
        #expect(only.chineseVariant(leaning: query) == nil)

        let values: [Float] = [0.25, -1.5, 3e-8, 1024]
        let blob = QueryLanguageShifts.blob(values)
        #expect(blob.count == 16)
        #expect(try QueryLanguageShifts.decoded(blob: blob, dimension: 4, model: "m", language: "de") == values)
        #expect(throws: QueryLanguageShiftError.malformed(model: "m", language: "de", reason: "expected 20 bytes (5 float32), found 16")) {
            try QueryLanguageShifts.decoded(blob: blob, dimension: 5, model: "m", language: "de")
        }
        #expect(throws: QueryLanguageShiftError.malformed(model: "m", language: "fr", reason: "NaN or infinite component")) {
            try QueryLanguageShifts.decoded(blob: QueryLanguageShifts.blob([1, .infinity]), dimension: 2, model: "m", language: "fr")
        }
        #expect("\(QueryLanguageShiftError.malformed(model: "m", language: "de", reason: "x"))".contains("dict embed --model m"))
    }

    @Test("e5 cosines map affinely onto MiniLM's scale, and the scaled scan prior orders candidates the same way")
    func similarityScaleKeepsOrderAndPrior() {
        let scale = SemanticModel.multilingualE5.similarityScale
        #expect(SemanticModel.miniLM.similarityScale == .identity)
        #expect(SimilarityScale.identity.calibrated(0.42) == 0.42)
        #expect(abs(scale.calibrated(0.789) - 0.134) < 1e-5)
        #expect(abs(scale.calibrated(0.863) - 0.4818) < 1e-3)
        let prior = CandidatePrior()
        let scanned = scale.scanPrior(prior)
        #expect(abs(scanned.zipfWeight * scale.scale - prior.zipfWeight) < 1e-6)
        #expect(abs(scanned.partOfSpeechBonus * scale.scale - prior.partOfSpeechBonus) < 1e-6)
        // Two candidates whose raw cosines differ by less than their priors: the scan's order (cosine + scaled prior)
        // equals the order of calibrated cosine + prior.
        let a = (cosine: Float(0.80), prior: prior.rowPrior(chunk: 0, partOfSpeech: nil, zipf: 1, specialist: false).bias)
        let b = (cosine: Float(0.79), prior: prior.rowPrior(chunk: 0, partOfSpeech: nil, zipf: 4, specialist: true).bias)
        let scanA = a.cosine + a.prior / scale.scale, scanB = b.cosine + b.prior / scale.scale
        let calibratedA = scale.calibrated(a.cosine) + a.prior, calibratedB = scale.calibrated(b.cosine) + b.prior
        #expect((scanA > scanB) == (calibratedA > calibratedB))
        #expect(b.prior - a.prior > a.cosine - b.cosine)  // the raw prior alone would have decided
    }

    @Test("e5 embeds a single-text entry twice (full text, concise alone); MiniLM and multi-sense entries are unchanged")
    func e5ChunksAddTheConciseText() throws {
        let definition = #"{"concise": "Gradually getting louder.", "detailed": "The volume rises step by step."}"#
        #expect(try EmbeddingText.chunks(term: "crescendo", definitionJSON: definition, entryID: "x")
            == ["crescendo: Gradually getting louder. The volume rises step by step."])
        #expect(try EmbeddingText.chunks(term: "crescendo", definitionJSON: definition, entryID: "x", model: "multilingual-e5-small")
            == ["crescendo: Gradually getting louder. The volume rises step by step.", "Gradually getting louder."])
        let conciseOnly = #"{"concise": "Loud."}"#
        #expect(try EmbeddingText.chunks(term: "forte", definitionJSON: conciseOnly, entryID: "y", model: "multilingual-e5-small") == ["forte: Loud."])
        let senses = #"{"concise": "x", "senses": [{"gloss": "a bank of a river", "pos": "noun"}, {"gloss": "to rely", "pos": "verb"}]}"#
        #expect(try EmbeddingText.chunks(term: "bank", definitionJSON: senses, entryID: "z", model: "multilingual-e5-small")
            == ["bank (noun): a bank of a river", "bank (verb): to rely"])
    }

    @Test("Cross-language hybrid scores have their own calibration and floor; other ratios and models keep the trained ones")
    func crossLanguageCalibration() async throws {
        let configuration = SearchConfiguration()
        let cross = try #require(DescriptionRankerModel.trainedHybridE5.crossLanguageCalibration)
        #expect(cross.semanticRatio == configuration.crossLanguageSemanticRatio, "scripts/train-ranker.py CROSS_LANGUAGE_RATIO")
        #expect(DescriptionRankerModel.trainedHybrid.crossLanguageCalibration == nil)
        #expect(DescriptionRankerModel.trainedSemanticE5.crossLanguageCalibration == nil)
        let e5 = DescriptionRanker(model: .trainedHybridE5), miniLM = DescriptionRanker(model: .trainedHybrid)
        let trained = { (score: Double) in 1 / (1 + exp(-(e5.model.calibrationSlope * score + e5.model.calibrationIntercept))) }
        for score in [-5.0, 5, 12, 20] {
            #expect(e5.probability(ofScore: score, semanticRatio: 0.85) == cross.probability(ofScore: score))
            #expect(e5.probability(ofScore: score, semanticRatio: 0.5) == trained(score))
        }
        #expect(e5.probability(ofScore: 12, semanticRatio: 0.85) < trained(12), "the 0.5 calibration is overconfident at 0.85")
        #expect(configuration.defaultMinScore(ranker: e5, semanticRatio: 0.85) == configuration.crossLanguageMinScore)
        #expect(configuration.defaultMinScore(ranker: e5, semanticRatio: 0.5) == configuration.minScore)
        #expect(configuration.defaultMinScore(ranker: miniLM, semanticRatio: 0.85) == configuration.minScore)

        // In search: a cross-language hybrid hit's score is the cross-language calibration of its ranker score.
        let fixture = try FixtureDictionary(kind: .memory)
        let (_, backend) = try fixture.semanticComponents()
        var withE5Rankers = configuration
        withE5Rankers.hybridRanker = e5
        let service = SearchService(database: fixture.database, semantic: SemanticComponents(embedder: MultilingualBagOfWordsEmbedder(), backend: backend),
                                    configuration: withE5Rankers)
        var request = SearchRequest(query: "gradually louder", mode: .hybrid, filters: SearchFilters(languages: [.en]), explain: true)
        request.queryLanguage = .de
        let crossing = try #require(try await service.search(request).results.first?.explanation)
        #expect(abs(crossing.probability - cross.probability(ofScore: crossing.rankerScore)) < 1e-12)
        request.queryLanguage = nil
        let within = try #require(try await service.search(request).results.first?.explanation)
        #expect(abs(within.probability - trained(within.rankerScore)) < 1e-12)
    }

    @Test("Each model ranks with its own trained rankers")
    func rankersFollowTheModel() {
        let configuration = SearchConfiguration()
        #expect(configuration.semanticRanker(for: "multilingual-e5-small").model.weights == DescriptionRankerModel.trainedSemanticE5.weights)
        #expect(configuration.hybridRanker(for: "multilingual-e5-small").model.weights == DescriptionRankerModel.trainedHybridE5.weights)
        #expect(configuration.semanticRanker(for: "all-MiniLM-L6-v2").model.weights == DescriptionRankerModel.trainedSemantic.weights)
        #expect(configuration.hybridRanker(for: nil).model.weights == DescriptionRankerModel.trainedHybrid.weights)
        #expect(DescriptionRankerModel.trainedSemanticE5.weights != DescriptionRankerModel.trainedSemantic.weights)
    }
}

