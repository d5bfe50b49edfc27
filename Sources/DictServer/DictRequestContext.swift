package import Foundation
package import Hummingbird
import NIOCore

/// The per-request context of every dict route: Hummingbird's core storage plus the request id, the client's
/// address and the body-size limit the middleware chain established.
package struct DictRequestContext: RequestContext {
    /// Hummingbird's storage (logger, route template, path parameters).
    package var coreContext: CoreRequestContextStorage
    /// The id echoed in `X-Request-ID` and error envelopes; set by `RequestIDMiddleware`.
    package var requestID: String
    /// The socket peer's IP address, when the channel has one (in-process router tests have none).
    package let peerAddress: String?
    /// Largest body a handler may read, in bytes; set from `ServerConfiguration.maxRequestBodyBytes`.
    package var maxBodyBytes: Int

    package init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        requestID = ""
        peerAddress = source.channel.remoteAddress?.ipAddress
        maxBodyBytes = 256 * 1024
    }

    /// Every JSON body is written with sorted keys (a stable order clients and diffs can rely on) and unescaped
    /// slashes (`/api/v1`, URLs), as the CLI writes its JSON.
    package var responseEncoder: JSONEncoder { Self.makeEncoder() }

    /// The encoder of `responseEncoder`, for bodies written outside Hummingbird's encoding (error envelopes).
    package static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Hummingbird's own decoding limit follows ours, so `request.decode` and our JSON reader agree.
    package var maxUploadSize: Int { maxBodyBytes }
}
