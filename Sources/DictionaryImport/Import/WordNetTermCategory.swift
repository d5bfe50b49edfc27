/// The dictionary term type suggested for a WordNet sense. Raw values are the entry `type` strings of the dictionary
/// schema, so `rawValue` can be stored as the entry type directly.
package enum WordNetTermCategory: String, Sendable, Hashable, CaseIterable {
    case general
    case tempo
    case dynamics
    case form
    case genre
    case instrument
    case notation
    case composer
}
