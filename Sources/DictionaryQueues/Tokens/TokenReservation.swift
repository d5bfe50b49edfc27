/// Tokens set aside for work in flight; settle it with the real count, or let it expire.
package struct TokenReservation: Sendable, Equatable, Codable {
    /// `ai_token_reservations.id`.
    package var id: String
    /// The UTC day the tokens count against (settlement books to this day even after midnight).
    package var date: String
    /// The model name.
    package var model: String
    /// Reserved tokens.
    package var tokens: Int
    /// When an unsettled reservation is released.
    package var expiresAt: String
}
