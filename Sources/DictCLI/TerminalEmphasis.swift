import Foundation

/// Whether `dict search --highlight` may mark matches in bold (ANSI SGR 1) on standard output: never when `NO_COLOR`
/// is set to anything non-empty (no-color.org), always when `CLICOLOR_FORCE` is set and not `0` (for pagers such as
/// `less -R`), else only when standard output is a terminal, so pipes and files get plain text.
enum TerminalEmphasis {
    static let boldOn = "\u{1B}[1m"
    static let boldOff = "\u{1B}[22m"

    static func isEnabled(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if let force = environment["CLICOLOR_FORCE"], !force.isEmpty, force != "0" { return true }
        return isatty(STDOUT_FILENO) == 1
    }
}
