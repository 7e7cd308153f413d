import CArgon2
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Where Argon2's working memory (`argon2_memory_kib`, 19 MiB by default) comes from: its own
/// mapping, handed to libargon2 through its allocation callbacks.
///
/// With malloc, glibc served every hash after the first from the hashing thread's arena and kept
/// the block there for good: about 19 MiB per hash thread, held after a single login. Here a hash
/// thread keeps its block while logins keep coming (no page faults between hashes) and gives it
/// back to the system when it goes idle (`HashThreads`); any other thread unmaps its block as soon
/// as its hash is done.
enum Argon2Memory {
    /// One mapping. A pointer and its length, owned by the thread it was made for.
    struct Block: @unchecked Sendable {
        let address: UnsafeMutableRawPointer
        let size: Int
    }

    private struct State {
        /// Threads that keep their block between hashes.
        var keepers: Set<UInt> = []
        /// The block each of them keeps.
        var kept: [UInt: Block] = [:]
    }

    private static let state = Mutex(State())

    /// The block this thread keeps, if any.
    static var keptByThisThread: Block? { state.withLock { $0.kept[currentThread] } }

    /// From now on this thread keeps its block between hashes, until `releaseThisThreadsBlock`.
    static func keepBlocksOnThisThread() {
        _ = state.withLock { $0.keepers.insert(currentThread) }
    }

    /// Unmaps this thread's block, and later ones are unmapped after their hash.
    static func stopKeepingBlocksOnThisThread() {
        releaseThisThreadsBlock()
        _ = state.withLock { $0.keepers.remove(currentThread) }
    }

    /// Unmaps the block this thread keeps (it keeps the next one again).
    static func releaseThisThreadsBlock() {
        if let block = state.withLock({ $0.kept.removeValue(forKey: currentThread) }) { unmap(block) }
    }

    /// libargon2's allocation callback.
    static let allocate: allocate_fptr = { memory, bytes in
        guard let memory else { return ARGON2_MEMORY_ALLOCATION_ERROR.rawValue }
        let thread = currentThread
        if let kept = state.withLock({ $0.kept[thread] }), kept.size >= bytes {
            memory.pointee = kept.address.assumingMemoryBound(to: UInt8.self)
            return ARGON2_OK.rawValue
        }
        guard let block = map(bytes) else { return ARGON2_MEMORY_ALLOCATION_ERROR.rawValue }
        let replaced = state.withLock { state -> Block? in
            guard state.keepers.contains(thread) else { return nil }
            return state.kept.updateValue(block, forKey: thread)
        }
        if let replaced { unmap(replaced) }
        memory.pointee = block.address.assumingMemoryBound(to: UInt8.self)
        return ARGON2_OK.rawValue
    }

    /// libargon2's deallocation callback: a kept block stays mapped.
    static let free: deallocate_fptr = { memory, bytes in
        guard let memory else { return }
        let address = UnsafeMutableRawPointer(memory)
        let isKept = state.withLock { $0.kept[currentThread]?.address == address }
        if !isKept { unmap(Block(address: address, size: bytes)) }
    }

    private static var currentThread: UInt { UInt(pthread_self()) }

    private static func map(_ bytes: Int) -> Block? {
        guard bytes > 0, let address = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            address != MAP_FAILED
        else { return nil }
        return Block(address: address, size: bytes)
    }

    private static func unmap(_ block: Block) {
        _ = munmap(block.address, block.size)
    }
}
