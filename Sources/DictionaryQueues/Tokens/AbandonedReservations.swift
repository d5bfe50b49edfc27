/// Reservations booked as used because their worker never settled them (it died, or hung past the lifetime): the
/// ledger's bounded, reported loss. A late settlement still corrects the day to the real count.
package struct AbandonedReservations: Sendable, Equatable {
    /// How many reservations were booked.
    package var count = 0
    /// Their tokens, booked as used.
    package var tokens = 0

    /// Nothing booked.
    package init() {}
}
