/// A WordNet pointer symbol (wndb(5WN), "Pointers"). Noun, verb, adjective and adverb symbols share one table;
/// `\` means pertainym on adjectives and "derived from adjective" on adverbs.
package enum WordNetPointerKind: String, Sendable, Hashable, CaseIterable {
    case antonym = "!"
    case hypernym = "@"
    case instanceHypernym = "@i"
    case hyponym = "~"
    case instanceHyponym = "~i"
    case memberHolonym = "#m"
    case substanceHolonym = "#s"
    case partHolonym = "#p"
    case memberMeronym = "%m"
    case substanceMeronym = "%s"
    case partMeronym = "%p"
    case attribute = "="
    case derivationallyRelated = "+"
    case domainTopic = ";c"
    case memberOfDomainTopic = "-c"
    case domainRegion = ";r"
    case memberOfDomainRegion = "-r"
    case domainUsage = ";u"
    case memberOfDomainUsage = "-u"
    case entailment = "*"
    case cause = ">"
    case alsoSee = "^"
    case verbGroup = "$"
    case similarTo = "&"
    case participleOfVerb = "<"
    case pertainymOrDerivedFromAdjective = "\\"

    /// Hypernyms (class and instance): the links the music classifier follows upwards.
    package var isHypernym: Bool { self == .hypernym || self == .instanceHypernym }
}
