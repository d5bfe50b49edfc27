/// The character normalization of the e5 tokenizer, stored in its model file as a map from one code point to
/// zero or more code points (NFKC compatibility mappings, control characters deleted, tabs and line breaks to
/// spaces). It is applied one code point at a time, as the reference engine does: no composition across
/// characters, so text is matched exactly as that engine sees it.
package struct SentencePieceNormalizer: Sendable {
    // Code point → replacement; a code point absent from the map stays as it is.
    private let replacements: [UInt32: [UInt32]]

    /// A normalizer from explicit replacements (an empty array deletes the code point).
    package init(replacements: [UInt32: [UInt32]]) {
        self.replacements = replacements
    }

    /// Number of mapped code points.
    package var count: Int { replacements.count }

    /// Appends the normalized form of `scalar` to `output`.
    package func append(_ scalar: UInt32, to output: inout [UInt32]) {
        if let replacement = replacements[scalar] {
            output.append(contentsOf: replacement)
        } else {
            output.append(scalar)
        }
    }
}
