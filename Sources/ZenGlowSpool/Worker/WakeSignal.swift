import Foundation

/// A wake-up that can arrive before anyone waits for it: `signal()` from any thread, and
/// `wait(upTo:)` returns at the first signal (true) or when the time is up (false).
final class WakeSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = false
    private var waiter: (id: UInt64, continuation: CheckedContinuation<Bool, Never>)?
    private var nextID: UInt64 = 0

    func signal() {
        lock.lock()
        if let waiter {
            self.waiter = nil
            lock.unlock()
            waiter.continuation.resume(returning: true)
        } else {
            pending = true
            lock.unlock()
        }
    }

    func wait(upTo timeout: Duration) async -> Bool {
        let id: UInt64 = lock.withLock {
            nextID += 1
            return nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                lock.lock()
                if pending || Task.isCancelled {
                    pending = false
                    lock.unlock()
                    continuation.resume(returning: true)
                    return
                }
                waiter = (id, continuation)
                lock.unlock()
                Task {
                    try? await Task.sleep(for: timeout)
                    self.expire(id)
                }
            }
        } onCancel: {
            signal()
        }
    }

    private func expire(_ id: UInt64) {
        lock.lock()
        guard let waiter, waiter.id == id else { return lock.unlock() }
        self.waiter = nil
        lock.unlock()
        waiter.continuation.resume(returning: false)
    }
}
