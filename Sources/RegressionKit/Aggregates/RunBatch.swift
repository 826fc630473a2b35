import Foundation

/// Run updates held back to be put in a version's run table several at a time.
///
/// With a few hundred thousand runs, a run table is far larger than the caches, and the log read
/// through them evicts it: a new run's slot is a wait for memory, the largest part of what a
/// run's update costs. One lookup at a time, each record's work waits for its own load. So a
/// record's run update waits here, with those of the next few runs;
/// `VersionAccumulator.flushRuns` then starts the loads of all their slots before it waits on
/// any, and the waits overlap.
///
/// A record of the run last held joins its entry, so a run logged step after step (the usual way)
/// is one entry. The table ends up as if each record had been put in it in turn: the bits are
/// or-ed, and a run keeps the case of its first record that has one.
struct RunBatch: Sendable {
    /// Runs held at most: enough loads in flight to overlap, and few enough that every load of a
    /// flush is issued before the first one returns.
    static let capacity = 16

    /// One run's update: its key's words (`ByteTable`'s), its steps and case, and where its key's
    /// bytes are in `longKeys` when it has more than 15 (the words then hold only its hash).
    struct Entry: Sendable {
        var k0: UInt64
        var k1: UInt64
        var state: RunState
        var longKeyStart: Int32
        var longKeyCount: Int32
    }

    var entries: [Entry] = []
    var longKeys: [UInt8] = []
    /// Where the loads of a flush go, so that they are made.
    var loaded: UInt64 = 0

    var isEmpty: Bool { entries.isEmpty }
}

extension VersionAccumulator {
    /// Holds back `failed` at step `i` (< 32) of the run `key` for `flushRuns`; returns the index of
    /// its entry, whose case the caller sets when the entry has none yet (-1).
    @inline(__always)
    mutating func batchRun(_ key: UnsafeBufferPointer<UInt8>, step i: Int, failed: Bool) -> Int {
        let (k0, k1) = ByteTable<RunState>.words(key)
        let bit: UInt32 = 1 << UInt32(i)
        if let j = batch.entries.indices.last, batch.entries[j].k1 == k1, batch.entries[j].k0 == k0,
           k1 >> 56 != 0xFF || sameLongKey(j, key) {
            batch.entries[j].state.reached |= bit
            if failed { batch.entries[j].state.failed |= bit }
            return j
        }
        if batch.entries.count == RunBatch.capacity { flushRuns() }
        var state = RunState()
        state.reached = bit
        if failed { state.failed = bit }
        let start = batch.longKeys.count, long = k1 >> 56 == 0xFF
        if long { batch.longKeys.append(contentsOf: key) }
        batch.entries.append(RunBatch.Entry(k0: k0, k1: k1, state: state, longKeyStart: Int32(truncatingIfNeeded: start),
                                            longKeyCount: Int32(truncatingIfNeeded: long ? key.count : 0)))
        return batch.entries.count - 1
    }

    /// Whether held entry `j`'s long key is `key`.
    private func sameLongKey(_ j: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let e = batch.entries[j]
        guard Int(e.longKeyCount) == key.count else { return false }
        return batch.longKeys.withUnsafeBufferPointer { keys in
            memcmp(keys.baseAddress! + Int(e.longKeyStart), key.baseAddress!, key.count) == 0
        }
    }

    /// Puts the held run updates in `runs`: first a load of each one's slot, all issued together,
    /// then the lookups, which find their slots in the cache.
    mutating func flushRuns() {
        guard !batch.entries.isEmpty else { return }
        var loaded: UInt64 = 0
        for e in batch.entries { loaded &+= runs.firstSlotWord(k0: e.k0, k1: e.k1) }
        batch.loaded = loaded
        batch.longKeys.withUnsafeBufferPointer { keys in
            for e in batch.entries {
                let key = e.longKeyCount == 0 ? UnsafeBufferPointer(start: nil, count: 0)
                    : UnsafeBufferPointer(rebasing: keys[Int(e.longKeyStart)..<Int(e.longKeyStart) + Int(e.longKeyCount)])
                let slot = runs.slot(k0: e.k0, k1: e.k1, key: key)
                runs[slot: slot].reached |= e.state.reached
                runs[slot: slot].failed |= e.state.failed
                if runs[slot: slot].caseIndex < 0 { runs[slot: slot].caseIndex = e.state.caseIndex }
            }
        }
        batch.entries.removeAll(keepingCapacity: true)
        batch.longKeys.removeAll(keepingCapacity: true)
    }
}
