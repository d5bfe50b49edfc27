/// A generic sentence frame of a verb synset (`f_num w_num` in wndb(5WN)), e.g. frame 8 "Somebody ----s something".
package struct WordNetVerbFrame: Sendable, Hashable {
    /// The frame number, 1…35 in WordNet 3.0.
    package var frameNumber: Int
    /// The 1-based word the frame applies to, or 0 when it applies to every word of the synset.
    package var wordNumber: Int

    /// Creates a frame reference.
    package init(frameNumber: Int, wordNumber: Int) {
        self.frameNumber = frameNumber
        self.wordNumber = wordNumber
    }
}
