import Foundation

/// How many cores dict computes on, decided once per process by the CLI or the server — flag, else environment,
/// else `ProcessInfo.activeProcessorCount` — and handed down by value. Libraries take the numbers they need as
/// parameters (`MiniLMEmbedder(workers:)`, `VectorIndexBackend(scanThreads:)`) and change no process-wide setting
/// on their own: OpenBLAS's thread count is the application's (the `dict` command sets one thread at start), and a
/// batch scan uses our threads only when OpenBLAS runs on one.
package struct ComputeConfiguration: Sendable, Equatable {
    /// Cores available to dict's computation: the vector scan's threads. Default: the processors this process may
    /// run on.
    package var threads: Int
    /// Threads encoding shards of one batch with the local model concurrently (`dict embed`, `dict embed-text`,
    /// batch work in the server). Default: `threads`. One search query is a single sequence and is encoded on
    /// its request's thread whatever this says.
    package var encoderThreads: Int

    /// The environment variables `resolve` reads.
    package enum EnvironmentKey {
        /// Cores to compute on.
        package static let threads = "DICT_THREADS"
        /// Encoder threads, when they should differ from `DICT_THREADS`.
        package static let encoderThreads = "DICT_ENCODER_THREADS"
    }

    /// Largest accepted thread count: more is a typo, not a machine.
    package static let maximumThreads = 1024

    /// A configuration of `threads` cores, the encoder using `encoderThreads` (default: all of them).
    package init(threads: Int, encoderThreads: Int? = nil) {
        self.threads = threads
        self.encoderThreads = encoderThreads ?? threads
    }

    /// Each setting from its flag (a non-nil argument), else its environment variable, else the default;
    /// `processorCount` is what "all cores" means.
    /// - Throws: `ComputeConfigurationError.invalidValue` naming the flag or variable, its value and the range.
    package static func resolve(
        threads threadsFlag: Int? = nil,
        encoderThreads encoderThreadsFlag: Int? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        processorCount: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws(ComputeConfigurationError) -> ComputeConfiguration {
        func setting(flag: Int?, flagName: String, key: String) throws(ComputeConfigurationError) -> Int? {
            if let flag {
                guard (1...maximumThreads).contains(flag) else {
                    throw .invalidValue(setting: flagName, value: String(flag), expected: "1 to \(maximumThreads)")
                }
                return flag
            }
            guard let text = environment[key]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let value = Int(text), (1...maximumThreads).contains(value) else {
                throw .invalidValue(setting: key, value: text, expected: "an integer from 1 to \(maximumThreads)")
            }
            return value
        }
        let threads = try setting(flag: threadsFlag, flagName: "--threads", key: EnvironmentKey.threads)
            ?? min(max(1, processorCount), maximumThreads)
        let encoderThreads = try setting(flag: encoderThreadsFlag, flagName: "--workers", key: EnvironmentKey.encoderThreads)
        return ComputeConfiguration(threads: threads, encoderThreads: encoderThreads)
    }
}
