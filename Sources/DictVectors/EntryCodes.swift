/// An entry's filter attributes as an index stores them per row: interned language and type codes (see
/// `IndexStorage.codes(of:)`) and the overall score.
package struct EntryCodes: Sendable {
    package var language: UInt32
    package var type: UInt32
    package var overallScore: Float
}
