import Testing
@testable import ScoresService

@Suite struct ScoreNormalizerTests {
    @Test func spellingVariantsCollapse() {
        let a = ScoreNormalizer.normalizedID(title: "Étude", composer: "Frédéric Chopin", opus: "Op. 10, No. 3")
        let b = ScoreNormalizer.normalizedID(title: "ETUDE", composer: "frederic  chopin", opus: "Opus 10 Number 3")
        let c = ScoreNormalizer.normalizedID(title: "Etude", composer: "Frederic Chopin", opus: "op10 no3")
        #expect(a == "frederic-chopin--etude--op-10-no-3")
        #expect(a == b)
        #expect(a == c)
    }

    @Test func opusKeepsWorksApart() {
        let first = ScoreNormalizer.normalizedID(title: "Etude", composer: "Chopin", opus: "Op. 10 No. 1")
        let third = ScoreNormalizer.normalizedID(title: "Etude", composer: "Chopin", opus: "Op. 10 No. 3")
        #expect(first != third)
    }

    @Test func missingComposerAndApostrophes() {
        #expect(ScoreNormalizer.normalizedID(title: "Für Elise", composer: nil, opus: nil) == "unknown--fur-elise")
        #expect(ScoreNormalizer.fold("L’Arlésienne") == ScoreNormalizer.fold("L'Arlesienne"))
        #expect(ScoreNormalizer.normalizedID(title: "?!…", composer: "Bach", opus: nil) == nil)
    }

    @Test func canonicalComposerWins() {
        let id = ScoreNormalizer.normalizedID(title: "Prelude in C Major", composer: "J.S. Bach", opus: "BWV 846",
                                              canonicalComposer: "Johann Sebastian Bach")
        #expect(id == "johann-sebastian-bach--prelude-in-c-major--bwv-846")
        #expect(ScoreNormalizer.composerKey("J.S.  Bach") == "j s bach")
    }
}
