package import DictStore

/// The `definition` column (§6.2): short and long text, etymology, usage, pronunciation, translations and, for
/// WordNet entries, one sense per part of speech. Unknown keys are kept in `extras`.
package struct EntryDefinition: Codable, Hashable, Sendable {
    package var concise: String?
    package var detailed: String?
    package var etymology: String?
    package var usageExample: String?
    package var pronunciation: Pronunciation?
    package var translations: [String: String]?
    package var senses: [Sense]?
    /// Keys this type does not model, written back unchanged.
    package var extras: [String: JSONValue] = [:]

    /// How to say the term: IPA, an audio URL, syllables and stress.
    package struct Pronunciation: Codable, Hashable, Sendable {
        package var ipa: String?
        package var audioURL: String?
        package var syllables: [String]?
        package var stressPattern: String?

        package init(ipa: String? = nil, audioURL: String? = nil, syllables: [String]? = nil, stressPattern: String? = nil) {
            self.ipa = ipa; self.audioURL = audioURL; self.syllables = syllables; self.stressPattern = stressPattern
        }

        enum CodingKeys: String, CodingKey {
            case ipa, syllables
            case audioURL = "audio_url"
            case stressPattern = "stress_pattern"
        }
    }

    /// One WordNet sense: part of speech, gloss, examples, and how often it was seen.
    package struct Sense: Codable, Hashable, Sendable {
        package var pos: String
        package var gloss: String
        package var examples: [String]
        /// How often this sense occurs in a sense-tagged corpus (WordNet: its SemCor tag count from `cntlist.rev`);
        /// nil when unknown. Search uses it as a prior: common senses of common words rank first.
        package var frequency: Int?

        package init(pos: String, gloss: String, examples: [String] = [], frequency: Int? = nil) {
            self.pos = pos; self.gloss = gloss; self.examples = examples; self.frequency = frequency
        }

        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            pos = try container.decode(String.self, forKey: .pos)
            gloss = try container.decode(String.self, forKey: .gloss)
            examples = try container.decodeIfPresent([String].self, forKey: .examples) ?? []
            frequency = try container.decodeIfPresent(Int.self, forKey: .frequency)
        }
    }

    package init(
        concise: String? = nil, detailed: String? = nil, etymology: String? = nil, usageExample: String? = nil,
        pronunciation: Pronunciation? = nil, translations: [String: String]? = nil, senses: [Sense]? = nil
    ) {
        self.concise = concise; self.detailed = detailed; self.etymology = etymology; self.usageExample = usageExample
        self.pronunciation = pronunciation; self.translations = translations; self.senses = senses
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case concise, detailed, etymology, pronunciation, translations, senses
        case usageExample = "usage_example"
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        concise = try container.decodeIfPresent(String.self, forKey: .concise)
        detailed = try container.decodeIfPresent(String.self, forKey: .detailed)
        etymology = try container.decodeIfPresent(String.self, forKey: .etymology)
        usageExample = try container.decodeIfPresent(String.self, forKey: .usageExample)
        pronunciation = try container.decodeIfPresent(Pronunciation.self, forKey: .pronunciation)
        translations = try container.decodeIfPresent([String: String].self, forKey: .translations)
        senses = try container.decodeIfPresent([Sense].self, forKey: .senses)
        extras = try decoder.unknownKeys(excluding: Set(CodingKeys.allCases.map(\.rawValue)))
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(concise, forKey: .concise)
        try container.encodeIfPresent(detailed, forKey: .detailed)
        try container.encodeIfPresent(etymology, forKey: .etymology)
        try container.encodeIfPresent(usageExample, forKey: .usageExample)
        try container.encodeIfPresent(pronunciation, forKey: .pronunciation)
        try container.encodeIfPresent(translations, forKey: .translations)
        try container.encodeIfPresent(senses, forKey: .senses)
        try encoder.encodeUnknownKeys(extras)
    }

    /// The first non-empty of concise, detailed and the first sense's gloss: the one-line summary of tables.
    package var summary: String {
        for text in [concise, detailed, senses?.first?.gloss] {
            if let text, !text.isEmpty { return text }
        }
        return ""
    }
}
