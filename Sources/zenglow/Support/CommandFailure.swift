import ArgumentParser
import Foundation
import PostgresNIO
import ZenGlowAPI
import ZenGlowDB
import ZenGlowIngest
import ZenGlowKeys

/// The one way a `zenglow` command fails: a single line `zenglow <command>: <what failed>` on
/// standard error and a non-zero exit (2 for configuration, 1 otherwise). Never a bare
/// "internal error": a database failure says its SQLSTATE and the server's message.
enum CommandFailure {
    /// Runs `body`, reporting whatever it throws.
    static func reporting<Result>(_ command: String, _ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as ExitCode {
            throw error
        } catch {
            report(error, command: command)
            throw ExitCode(error is ConfigurationError ? 2 : 1)
        }
    }

    /// The same for a command that does not wait on anything asynchronous.
    static func reporting<Result>(_ command: String, _ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as ExitCode {
            throw error
        } catch {
            report(error, command: command)
            throw ExitCode(error is ConfigurationError ? 2 : 1)
        }
    }

    private static func report(_ error: any Error, command: String) {
        let line = "zenglow \(command): \(message(for: error))"
        FileHandle.standardError.write(Data((line.replacingOccurrences(of: "\n", with: "; ") + "\n").utf8))
    }

    /// What failed, in words an operator can act on.
    static func message(for error: any Error) -> String {
        switch error {
        case let error as ConfigurationError:
            return "invalid configuration: " + error.problems.joined(separator: "; ")
        case let error as KeyError: return error.message
        case let error as IngestError: return error.message
        case let error as DatabaseError: return databaseMessage(error)
        case let error as PSQLError: return databaseMessage(DatabaseError(error))
        default: return "\(error)"
        }
    }

    private static func databaseMessage(_ error: DatabaseError) -> String {
        guard let server = error.server else { return error.message }
        var text = server.message
        if case .zenglow = error.kind {} else { text = "\(server.sqlState): \(text)" }
        if let detail = server.detail { text += " (\(detail))" }
        if let hint = server.hint { text += "; \(hint)" }
        return text
    }
}
