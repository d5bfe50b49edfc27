/// Tokens set aside for work in flight; settle it with the real count, or let it expire.
public struct TokenReservation: Sendable, Equatable, Codable {
    /// `ai_token_reservations.id`.
    public var id: String
    /// The UTC day the tokens count against (settlement books to this day even after midnight).
    public var date: String
    /// The model name.
    public var model: String
    /// Reserved tokens.
    public var tokens: Int
    /// When an unsettled reservation is released.
    public var expiresAt: String
}
