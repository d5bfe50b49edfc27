import DictionaryCore
import Foundation
import Testing
@testable import DictionaryImport

/// A small corpus in WordNet 3.0 format covering the four files, the music anchors and every pointer form the
/// lexicon uses. Names in braces are offsets filled in by `WordNetFixture`.
let wordNetFixtureFiles: [WordNetDataFile: [(name: String, template: String)]] = [
    .noun: [
        ("communication", "{self} 03 n 01 communication 0 000 | something that is communicated  "),
        ("music", "{self} 10 n 01 music 0 001 @ {communication} n 0000 | an art of sounds in time; \"she listens to music\"  "),
        ("device", "{self} 06 n 01 device 0 000 | a thing made for a purpose  "),
        ("instrument", "{self} 06 n 02 musical_instrument 0 instrument 1 001 @ {device} n 0000 | a device for making music  "),
        ("keyboard", "{self} 06 n 01 keyboard_instrument 0 001 @ {instrument} n 0000 | an instrument played with keys  "),
        ("piano", "{self} 06 n 02 piano 0 pianoforte 0 001 @ {keyboard} n 0000 | a keyboard instrument with hammers  "),
        ("person", "{self} 03 n 01 person 0 000 | a human being  "),
        ("composer", "{self} 18 n 01 composer 0 001 @ {person} n 0000 | someone who writes music  "),
        ("bach", "{self} 18 n 02 Bach 0 Johann_Sebastian_Bach 0 001 @i {composer} n 0000 | German composer (1685-1750)  "),
        ("volume", "{self} 07 n 02 volume 0 loudness 0 000 | the magnitude of sound  "),
        ("crescendo", "{self} 07 n 01 crescendo 0 002 @ {volume} n 0000 ;c {music} n 0000 | (music) a gradual increase in loudness  "),
        ("noise", "{self} 07 n 01 noise_level 0 001 @ {volume} n 0000 | the loudness of background sound  "),
        ("pianoSoft", "{self} 07 n 01 piano 1 001 @ {volume} n 0000 | a quiet level of sound  "),
    ],
    .verb: [
        ("play", "{self} 36 v 01 play 0 001 ;c {music} n 0000 02 + 08 00 + 09 01 | perform on an instrument; \"play the piano\"; \"she played Bach\"  "),
        ("crescendoV", "{self} 30 v 01 crescendo 0 001 ! {decrescendoV} v 0101 01 + 01 00 | grow louder; \"the music crescendoes here\"  "),
        ("decrescendoV", "{self} 30 v 01 decrescendo 0 001 ! {crescendoV} v 0101 01 + 01 00 | grow softer  "),
    ],
    .adjective: [
        ("loud", "{self} 00 a 02 loud 0 forte(p) 1 001 ! {soft} a 0101 | high in volume  "),
        ("soft", "{self} 00 a 01 soft 0 001 ! {loud} a 0101 | low in volume  "),
        ("deafening", "{self} 00 s 01 deafening 0 001 & {loud} a 0000 | loud enough to hurt; harsh; \"a deafening roar\"-A. Writer  "),
    ],
    .adverb: [
        ("pizzicato", "{self} 02 r 01 pizzicato 0 001 ;c {music} n 0000 | with a plucking sound  "),
    ],
]

func withWordNetFixture<T>(index: [WordNetDataFile: [String]] = [:], _ body: (WordNetFixture) throws -> T) throws -> T {
    let fixture = try WordNetFixture()
    try fixture.write(wordNetFixtureFiles, index: index)
    return try body(fixture)
}

func withWordNetFixture<T>(index: [WordNetDataFile: [String]] = [:], _ body: (WordNetFixture) async throws -> T) async throws -> T {
    let fixture = try WordNetFixture()
    try fixture.write(wordNetFixtureFiles, index: index)
    return try await body(fixture)
}

@Test func parsesNounLineFields() throws {
    let line = "04990525 07 n 02 crescendo 0 swell_up 1 003 @ 04990220 n 0000 ;c 07020895 n 0000 + 00546729 v 0101 | (music) a gradual increase in loudness  "
    let synset = try WordNetReader.parseSynset(line: line, file: .noun)
    #expect(synset.id == WordNetSynsetID(file: .noun, offset: 4_990_525))
    #expect(synset.partOfSpeech == .noun)
    #expect(synset.lexicographerFileNumber == 7)
    #expect(synset.lexicographerFileName == "noun.attribute")
    #expect(synset.lemmas == ["crescendo", "swell up"])
    #expect(synset.words[1].lexicalID == 1)
    #expect(synset.pointers.map(\.kind) == [.hypernym, .domainTopic, .derivationallyRelated])
    #expect(synset.pointers[2].target == WordNetSynsetID(file: .verb, offset: 546_729))
    #expect(synset.pointers[2].sourceWord == 1 && synset.pointers[2].targetWord == 1 && synset.pointers[2].isLexical)
    #expect(!synset.pointers[0].isLexical)
    #expect(synset.definition == "(music) a gradual increase in loudness")
    #expect(synset.examples.isEmpty)
    #expect(synset.verbFrames.isEmpty)
}

@Test func parsesVerbFramesAndHexWordCount() throws {
    // w_cnt is hexadecimal: 0a = ten words.
    let words = (1...10).map { "w\($0) 0" }.joined(separator: " ")
    let line = "00001740 29 v 0a \(words) 001 $ 00005041 v 0000 02 + 02 00 + 08 0a | draw air; \"breathe deeply\"  "
    let synset = try WordNetReader.parseSynset(line: line, file: .verb)
    #expect(synset.words.count == 10)
    #expect(synset.verbFrames == [WordNetVerbFrame(frameNumber: 2, wordNumber: 0), WordNetVerbFrame(frameNumber: 8, wordNumber: 10)])
    #expect(synset.pointers.first?.kind == .verbGroup)
    #expect(synset.definition == "draw air")
    #expect(synset.examples == ["breathe deeply"])
}

@Test func stripsAdjectiveMarkersAndSplitsGloss() throws {
    let line = "01458736 00 s 03 forte(p) 0 loud(a) 2 galore(ip) 0 001 & 01458303 a 0000 | used in music; loud; \"the forte passages\"; \"a tune; loud\"-Anon  "
    let synset = try WordNetReader.parseSynset(line: line, file: .adjective)
    #expect(synset.partOfSpeech == .adjectiveSatellite)
    #expect(synset.lemmas == ["forte", "loud", "galore"])
    #expect(synset.words.map(\.adjectiveMarker) == ["p", "a", "ip"])
    #expect(synset.definition == "used in music; loud")
    #expect(synset.examples == ["the forte passages", "a tune; loud"])
}

@Test func rejectsMalformedLinesWithFileAndLine() throws {
    let cases: [(String, String)] = [
        ("00001740 03 n 01 entity 0 001 ?? 00001930 n 0000 | x", "pointer_symbol"),
        ("00001740 03 n 01 entity 0 002 @ 00001930 n 0000", "pointer_symbol"),  // p_cnt says 2, line has 1
        ("00001740 03 n 01 entity 0 000 no gloss", "gloss separator"),
        ("00001740 99 n 01 entity 0 000 | x", "lex_filenum"),
        ("00001740 03 v 01 entity 0 000 | x", "ss_type"),
        ("0001740 03 n 01 entity 0 000 | x", "synset_offset"),
        ("00001740 03 n zz entity 0 000 | x", "w_cnt"),
        ("00001740 03 n 01 entity 0 001 @ 00001930 n 05zz | x", "source/target"),
        ("00001740 03 n 01 entity 0 001 @ 00001930 n 0500 | x", "source/target"),  // source word 5 of 1
        ("", "synset_offset"),
    ]
    for (line, field) in cases {
        #expect {
            try WordNetReader.parseSynset(line: line, file: .noun, lineNumber: 42)
        } throws: { error in
            guard case .malformedLine(let file, let number, let found, _, _) = error as? WordNetError else { return false }
            return file == "data.noun" && number == 42 && found == field
        }
    }
}

@Test func rejectsInvalidUTF8() throws {
    var bytes = Array("00001740 03 n 01 entity 0 000 | caf".utf8)
    bytes.append(0xC3)  // a lone lead byte
    #expect(throws: WordNetError.invalidUTF8(file: "data.noun", line: 7)) {
        try WordNetReader.parseSynset(lineBytes: bytes, file: .noun, lineNumber: 7)
    }
}

@Test func readsFilesSkippingHeaderAndCheckingOffsets() throws {
    try withWordNetFixture { fixture in
        let nouns = try fixture.reader.synsets(in: .noun)
        #expect(nouns.count == wordNetFixtureFiles[.noun]!.count)
        #expect(nouns.first?.lemmas == ["communication"])
        #expect(nouns.first?.id.offset == UInt32(WordNetFixture.header.reduce(0) { $0 + $1.utf8.count + 1 }))
        let all = try fixture.reader.allSynsets()
        #expect(all.count == wordNetFixtureFiles.values.reduce(0) { $0 + $1.count })
        #expect(all.map(\.id) == all.map(\.id).sorted())

        // An edited file whose offsets no longer match its bytes is reported, with the line number.
        let path = fixture.directory.appendingPathComponent("data.adv")
        let text = try String(contentsOf: path, encoding: .utf8)
        try Data(("  3 an extra header line\n" + text).utf8).write(to: path)
        #expect {
            try fixture.reader.synsets(in: .adverb)
        } throws: { error in
            guard case .offsetMismatch(let file, let line, _, _) = error as? WordNetError else { return false }
            return file == "data.adv" && line == 4
        }
    }
}

@Test func emptyFileHasNoSynsetsAndOverlongLineIsAnError() throws {
    let fixture = try WordNetFixture()
    let path = fixture.directory.appendingPathComponent("data.noun")
    try Data().write(to: path)
    #expect(try fixture.reader.synsets(in: .noun).isEmpty)

    // A line longer than the limit (here without any newline) is refused instead of growing the buffer forever.
    let overlong = [UInt8](repeating: UInt8(ascii: "x"), count: WordNetLineStream.maximumLineLength + 10)
    try Data(Array("  header\n".utf8) + overlong).write(to: path)
    #expect(throws: WordNetError.lineTooLong(file: "data.noun", line: 2, limit: WordNetLineStream.maximumLineLength)) {
        try fixture.reader.synsets(in: .noun)
    }
}

@Test func missingFileGivesInstallHint() throws {
    let reader = WordNetReader(directory: "/nonexistent/wordnet-\(UUID().uuidString)")
    #expect(!reader.dataFilesExist)
    #expect {
        try reader.synsets(in: .noun)
    } throws: { error in
        guard case .fileMissing = error as? WordNetError else { return false }
        return String(describing: error).contains("apt-get install -y wordnet-base")
    }
}

@Test func lexiconGroupsSensesSynonymsAndRelations() throws {
    try withWordNetFixture { fixture in
        let lexicon = WordNetLexicon(synsets: try fixture.reader.allSynsets())
        #expect(lexicon.synsetCount == 20)

        let crescendo = try #require(lexicon["Crescendo"])
        #expect(crescendo.senses.map(\.partOfSpeech) == [.noun, .verb])
        #expect(crescendo.conciseDefinition == "(music) a gradual increase in loudness")
        #expect(crescendo.senses[1].examples == ["the music crescendoes here"])
        #expect(crescendo.relatedTerms == ["volume"])
        #expect(crescendo.antonyms == ["decrescendo"])

        let piano = try #require(lexicon["piano"])
        #expect(piano.synonyms == ["pianoforte"])
        #expect(piano.relatedTerms == ["keyboard instrument", "volume"])
        #expect(piano.senses.map(\.lexicographerFile) == ["noun.artifact", "noun.attribute"])

        // Antonym pointers are lexical: `loud` (word 1) has one, `forte` (word 2) of the same synset does not.
        #expect(lexicon["loud"]?.antonyms == ["soft"])
        #expect(lexicon["forte"]?.antonyms == [])
        #expect(lexicon["forte"]?.synonyms == ["loud"])
        #expect(lexicon["deafening"]?.relatedTerms == ["loud"])
        #expect(lexicon["deafening"]?.senses.first?.definition == "loud enough to hurt; harsh")
        #expect(lexicon["johann_sebastian_bach"]?.term == "Johann Sebastian Bach")
        #expect(lexicon["nothing"] == nil)
        #expect(lexicon.lemmas.map(\.key) == lexicon.lemmas.map(\.key).sorted())
    }
}

@Test func classifiesMusicDomainAndSuggestsTypes() throws {
    try withWordNetFixture { fixture in
        let lexicon = WordNetLexicon(synsets: try fixture.reader.allSynsets())
        let expectations: [(String, Bool, WordNetTermCategory)] = [
            ("piano", true, .instrument), ("musical instrument", true, .instrument), ("bach", true, .composer),
            ("composer", true, .composer), ("crescendo", true, .dynamics), ("pizzicato", true, .general),
            ("play", true, .general), ("music", true, .general), ("noise level", false, .general),
            ("device", false, .general), ("person", false, .general), ("loud", false, .general),
        ]
        for (word, isMusic, category) in expectations {
            let lemma = try #require(lexicon[word], "\(word)")
            #expect(lemma.isMusicDomain == isMusic, "\(word)")
            #expect(lemma.suggestedCategory == category, "\(word)")
        }
    }
}

@Test func indexFilesOrderSensesByRank() throws {
    // index.noun ranks the "quiet level" sense of piano before the instrument.
    let index: [WordNetDataFile: [String]] = [.noun: ["piano n 2 1 @ 2 1 {pianoSoft} {piano}  "]]
    try withWordNetFixture(index: index) { fixture in
        let ranks = try fixture.reader.senseRanks(in: .noun)
        #expect(ranks["piano"]?.count == 2)
        let ranked = WordNetLexicon(synsets: try fixture.reader.allSynsets(), senseRanks: [.noun: ranks])
        #expect(ranked["piano"]?.conciseDefinition == "a quiet level of sound")
        #expect(ranked["piano"]?.suggestedCategory == .instrument)
        let unranked = WordNetLexicon(synsets: try fixture.reader.allSynsets())
        #expect(unranked["piano"]?.conciseDefinition == "a keyboard instrument with hammers")
    }
}

/// The real WordNet 3.0 corpus from Debian's `wordnet-base`. It takes over a minute in a debug build on a shared
/// machine, so it runs only with `DICT_WORDNET_FULL_TEST=1` (and the files installed).
@Test(.enabled(if: WordNetReader().dataFilesExist,
               "WordNet not installed: apt-get install -y wordnet-base to run the full-corpus test"),
      .enabled(if: ProcessInfo.processInfo.environment["DICT_WORDNET_FULL_TEST"] == "1",
               "set DICT_WORDNET_FULL_TEST=1 to parse the full WordNet corpus (slow in debug builds)"))
func parsesTheFullWordNetCorpus() throws {
    let reader = WordNetReader()
    let start = ContinuousClock.now
    var counts: [WordNetDataFile: Int] = [:]
    var synsets: [WordNetSynset] = []
    for file in WordNetDataFile.allCases {
        let list = try reader.synsets(in: file)
        counts[file] = list.count
        synsets += list
    }
    #expect(counts == [.noun: 82_115, .verb: 13_767, .adjective: 18_156, .adverb: 3_621])
    #expect(synsets.count == 117_659)

    var ranks: [WordNetDataFile: [String: [UInt32]]] = [:]
    for file in WordNetDataFile.allCases { ranks[file] = try reader.senseRanks(in: file) }
    let lexicon = WordNetLexicon(synsets: synsets, senseRanks: ranks)
    #expect(lexicon.count == 147_306)
    #expect(lexicon["piano"]?.suggestedCategory == .instrument)
    #expect(lexicon["bach"]?.suggestedCategory == .composer)
    #expect(lexicon["crescendo"]?.suggestedCategory == .dynamics)
    #expect(lexicon["jazz"]?.suggestedCategory == .genre)
    #expect(lexicon["dog"]?.isMusicDomain == false)
    #expect(lexicon["dog"]?.conciseDefinition.hasPrefix("a member of the genus Canis") == true)
    #expect(lexicon["staccato"]?.isMusicDomain == true)
    let musicLemmas = lexicon.lemmas.filter(\.isMusicDomain)
    print("WordNet: \(synsets.count) synsets, \(lexicon.count) lemmas, \(musicLemmas.count) music-domain lemmas, "
          + "parsed and grouped in \(ContinuousClock.now - start)")
    let samples = ["allegro", "sonata", "violin", "blues", "treble clef", "forte", "adagio", "chopin", "harmony"]
    print(samples.map { "\($0): \(lexicon[$0]?.suggestedCategory.rawValue ?? "missing")" }.joined(separator: ", "))
}

@Test func senseTagCountsFollowTheIndexRank() throws {
    // index.noun ranks the "quiet level" sense of piano first; cntlist.rev counts sense 1 (that one) 7 times.
    let index: [WordNetDataFile: [String]] = [.noun: ["piano n 2 1 @ 2 1 {pianoSoft} {piano}  "]]
    try withWordNetFixture(index: index) { fixture in
        let counts = "piano%1:07:00:: 1 7\npiano%1:06:00:: 2 0\nPiano_Player%1:18:00:: 1 3\n"
        try Data(counts.utf8).write(to: fixture.directory.appendingPathComponent("cntlist.rev"))
        let tags = try #require(try fixture.reader.senseTagCounts())
        #expect(tags[WordNetSenseNumber(lemma: "piano", file: .noun, number: 1)] == 7)
        #expect(tags[WordNetSenseNumber(lemma: "piano player", file: .noun, number: 1)] == 3)
        let lexicon = try WordNetLexicon.load(reader: fixture.reader)
        let piano = try #require(lexicon["piano"])
        #expect(piano.senses.map(\.definition) == ["a quiet level of sound", "a keyboard instrument with hammers"])
        #expect(piano.senses.map(\.tagCount) == [7, 0])
        // The importer stores it as the sense's frequency.
        #expect(WordNetImporter.draft(for: piano).definition.senses?.map(\.frequency) == [7, 0])
        // A malformed line names the file and line; a missing file means no counts.
        try Data("piano%1:07:00:: one 7\n".utf8).write(to: fixture.directory.appendingPathComponent("cntlist.rev"))
        #expect(throws: WordNetError.self) { try fixture.reader.senseTagCounts() }
        try FileManager.default.removeItem(at: fixture.directory.appendingPathComponent("cntlist.rev"))
        #expect(try fixture.reader.senseTagCounts() == nil)
    }
}
