package import Foundation

/// The real clock: `Date()`.
package struct SystemWallClock: WallClock {
    /// The documented defaults.
    package init() {}

    /// `Date()`.
    package func now() -> Date { Date() }
}
