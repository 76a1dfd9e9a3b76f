/// One process, told apart from any later process the kernel gives the same pid.
public struct ProcessIdentity: Sendable, Hashable {
    public let pid: Int32
    /// Clock ticks after boot at which the process started (field 22 of `/proc/PID/stat`).
    public let startTime: UInt64

    public init(pid: Int32, startTime: UInt64) {
        self.pid = pid
        self.startTime = startTime
    }
}
