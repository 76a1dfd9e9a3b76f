import Dispatch
import Foundation
import ZenGlowSpool

#if canImport(Glibc)
    import Glibc
#endif

/// SIGTERM and SIGINT for `spool append`: the open segment is sealed (published) before the
/// process exits, so nothing appended is left hidden.
enum SpoolAppendSignals {
    static func sealOnSignal(_ appender: SegmentAppender) -> [any DispatchSourceSignal] {
        [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                Task {
                    try? await appender.seal()
                    let sealed = await appender.sealed
                    FileHandle.standardError.write(
                        Data("stopped by signal \(number); \(sealed.count) segments sealed\n".utf8))
                    exit(number == SIGINT ? 130 : 143)
                }
            }
            source.resume()
            return source
        }
    }
}
