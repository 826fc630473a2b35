import Foundation

/// The pieces of one file that several threads read at once, and how they share the work.
///
/// Each piece is a byte range that starts at a line start. Its reader claims it a chunk at a
/// time, just before reading the chunk. A reader that has finished its piece calls `split()`,
/// which cuts the piece with the most unclaimed bytes in two at a line start past its claimed
/// part and hands over the second half as a new piece. So the threads finish together however
/// unevenly they are scheduled, and every byte is read exactly once: a cut is only ever made
/// where nobody has claimed yet.
///
/// Pieces are ranges of the file, so their results, put in the order of their starts, are the
/// whole file's in order, whichever thread read which piece.
final class PieceBoard: @unchecked Sendable {
    private struct Piece {
        let start: Int
        /// Bytes before this offset are read or being read by the piece's reader.
        var claimed: Int
        /// The piece ends here, at a line start (or the end of the file); a split lowers it.
        var end: Int
    }

    private var pieces: [Piece]
    private let lock = NSLock()
    private let fd: Int32
    private let minimumPiece: Int

    /// The pieces `cuts[k]..<cuts[k+1]` of `fd` (cuts at line starts); `split()` makes no piece
    /// smaller than `minimumPiece` bytes.
    init(fd: Int32, cuts: [Int], minimumPiece: Int) {
        self.fd = fd
        self.minimumPiece = max(1, minimumPiece)
        pieces = zip(cuts, cuts.dropFirst()).map { Piece(start: $0, claimed: $0, end: $1) }
    }

    /// Where piece `k` starts and, as far as is known now, ends (a split can end it earlier).
    func bounds(of k: Int) -> (start: Int, end: Int) { locked { (pieces[k].start, pieces[k].end) } }

    /// Claims the bytes of piece `k` from `offset` for one read of at most `want` bytes, and
    /// returns how many it may read: 0 when the piece is done.
    func claim(_ k: Int, from offset: Int, want: Int) -> Int {
        locked {
            let upTo = min(offset + want, pieces[k].end)
            pieces[k].claimed = max(pieces[k].claimed, upTo)
            return max(0, upTo - offset)
        }
    }

    /// Cuts the unclaimed rest of the piece with the most left in two, at the first line start
    /// from its middle on, and returns the second half as a new piece; nil when no piece has
    /// twice `minimumPiece` bytes left (or no line starts in the second half).
    func split() -> Int? {
        while true {
            let (k, claimed, end) = locked {
                pieces.indices.map { ($0, pieces[$0].claimed, pieces[$0].end) }.max { $0.2 - $0.1 < $1.2 - $1.1 }!
            }
            guard end - claimed >= 2 * minimumPiece else { return nil }
            // Probe outside the lock: the piece's reader goes on claiming meanwhile.
            guard let cut = LineSplitter.lineStart(fd: fd, atOrAfter: claimed + (end - claimed) / 2, before: end) else {
                return nil
            }
            let taken: Int? = locked {
                guard pieces[k].claimed < cut, cut < pieces[k].end else { return nil }
                pieces.append(Piece(start: cut, claimed: cut, end: pieces[k].end))
                pieces[k].end = cut
                return pieces.count - 1
            }
            if let taken { return taken }
            // The reader claimed past the cut, or another thread split the piece: look again.
        }
    }

    private func locked<R>(_ body: () -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
