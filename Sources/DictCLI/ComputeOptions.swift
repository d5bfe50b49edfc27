import ArgumentParser
import DictionaryCore

/// `--threads`: the cores a command computes on. Resolved with the environment and the machine into the one
/// `ComputeConfiguration` the command hands to what it builds.
struct ComputeOptions: ParsableArguments {
    @Option(help: "Cores to compute on (default: $DICT_THREADS, else every available core).")
    var threads: Int?

    /// The configuration from `--threads` (and `--workers` where the command has it, as `encoderThreads`), then
    /// `DICT_THREADS` / `DICT_ENCODER_THREADS`, then the processor count. Prints the problem and exits 2 when
    /// a value is unusable.
    func resolve(encoderThreads: Int? = nil) throws -> ComputeConfiguration {
        do {
            return try ComputeConfiguration.resolve(threads: threads, encoderThreads: encoderThreads)
        } catch {
            printError("\(error)")
            throw ExitStatus.usage
        }
    }
}
