import Foundation

/// CPU time and memory of this process, from /proc (Linux).
struct ProcessStats: Encodable {
    let cpuUserSeconds: Double?
    let cpuSystemSeconds: Double?
    let residentBytes: Int?
    let virtualBytes: Int?
    let threads: Int?

    enum CodingKeys: String, CodingKey {
        case cpuUserSeconds = "cpu_user_seconds"
        case cpuSystemSeconds = "cpu_system_seconds"
        case residentBytes = "resident_bytes"
        case virtualBytes = "virtual_bytes"
        case threads
    }

    static func read() -> ProcessStats {
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        // /proc/self/stat: the command name (field 2) may hold spaces, so fields count after ')'.
        let stat = (try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8)) ?? ""
        let fields = stat.split(separator: ")").last.map { $0.split(separator: " ") } ?? []
        func field(_ number: Int) -> Double? {
            let index = number - 3
            return fields.indices.contains(index) ? Double(fields[index]) : nil
        }
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func kilobytes(_ name: String) -> Int? {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else {
                return nil
            }
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 * 1024 }
        }
        let threads = status.split(separator: "\n").first { $0.hasPrefix("Threads:") }
            .flatMap { $0.split(separator: "\t").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        return ProcessStats(
            cpuUserSeconds: field(14).map { $0 / ticks }, cpuSystemSeconds: field(15).map { $0 / ticks },
            residentBytes: kilobytes("VmRSS"), virtualBytes: kilobytes("VmSize"), threads: threads)
    }
}
