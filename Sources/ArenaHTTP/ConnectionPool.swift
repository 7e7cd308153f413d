import NIOCore

/// The client's connections: idle ones kept for reuse, and a cap on how many are open at once.
/// A slot is counted from the moment a caller may connect until its connection is closed, so
/// the cap holds while connections are still being made.
actor ConnectionPool {
    /// What `acquire` grants: a kept-alive connection, or a slot to open a new one in.
    enum Lease: Sendable {
        case reuse(HTTP1Connection)
        case connect
    }

    private struct Idle {
        var connection: HTTP1Connection
        var timer: Scheduled<Void>
    }

    private struct Waiter {
        var id: Int
        var reply: CheckedContinuation<Lease, any Error>
        var timer: Task<Void, Never>
    }

    private let maxConnections: Int
    private let idleTimeout: TimeAmount
    private var open = 0
    private var idle: [Idle] = []
    private var waiters: [Waiter] = []
    private var nextWaiterID = 0
    private var isShutDown = false

    init(maxConnections: Int, idleTimeout: TimeAmount) {
        self.maxConnections = max(1, maxConnections)
        self.idleTimeout = idleTimeout
    }

    /// The most recently used live idle connection, else a slot if one is free, else the first
    /// connection or slot that comes free before `deadline`.
    func acquire(deadline: NIODeadline) async throws(HTTP1ClientError) -> Lease {
        guard !isShutDown else { throw .shutDown }
        while let entry = idle.popLast() {
            entry.timer.cancel()
            if entry.connection.isActive { return .reuse(entry.connection) }
            open -= 1
        }
        if open < maxConnections {
            open += 1
            return .connect
        }
        let id = nextWaiterID
        nextWaiterID += 1
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { reply in
                    let timer = Task {
                        try? await Task.sleep(for: .nanoseconds((deadline - .now()).nanoseconds))
                        self.stopWaiting(id, because: .requestTimeout)
                    }
                    waiters.append(Waiter(id: id, reply: reply, timer: timer))
                }
            } onCancel: {
                Task { await self.stopWaiting(id, because: .cancelled) }
            }
        } catch let error as HTTP1ClientError {
            throw error
        } catch {
            throw .cancelled
        }
    }

    private func stopWaiting(_ id: Int, because error: HTTP1ClientError) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        let waiter = waiters.remove(at: index)
        waiter.timer.cancel()
        waiter.reply.resume(throwing: error)
    }

    /// Takes back a leased connection: kept for the next request when the exchange left it
    /// reusable, closed (freeing its slot) otherwise.
    func release(_ connection: HTTP1Connection, reusable: Bool) {
        guard reusable, !isShutDown, connection.isActive else {
            connection.close()
            slotFreed()
            return
        }
        if !waiters.isEmpty {
            let waiter = waiters.removeFirst()
            waiter.timer.cancel()
            waiter.reply.resume(returning: .reuse(connection))
            return
        }
        let timer = connection.eventLoop.scheduleTask(in: idleTimeout) { connection.close() }
        idle.append(Idle(connection: connection, timer: timer))
    }

    /// A slot granted by `.connect` whose connection could not be made.
    func connectFailed() {
        slotFreed()
    }

    /// Told by each connection's task when it ends. Only an idle connection's slot is freed
    /// here; a leased one's is freed by its `release`.
    func closed(_ connection: HTTP1Connection) {
        guard let index = idle.firstIndex(where: { $0.connection === connection }) else { return }
        idle.remove(at: index).timer.cancel()
        slotFreed()
    }

    private func slotFreed() {
        open -= 1
        guard !waiters.isEmpty, open < maxConnections, !isShutDown else { return }
        let waiter = waiters.removeFirst()
        waiter.timer.cancel()
        open += 1
        waiter.reply.resume(returning: .connect)
    }

    /// Refuses new requests, fails the waiting ones and closes the idle connections; leased
    /// connections close when their exchange is done.
    func shutdown() async {
        isShutDown = true
        for waiter in waiters {
            waiter.timer.cancel()
            waiter.reply.resume(throwing: HTTP1ClientError.shutDown)
        }
        waiters = []
        let closing = idle
        idle = []
        open -= closing.count
        for entry in closing {
            entry.timer.cancel()
            entry.connection.close()
        }
        for entry in closing {
            try? await entry.connection.closeFuture.get()
        }
    }
}
