import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What one run of the tool cost: its exit status, the CPU seconds it used (user + system, its
/// threads included) and the wall seconds it took.
struct ToolCost {
    var status: Int32
    var cpuSeconds: Double
    var wallSeconds: Double
    var stderr: String
}

/// Runs `regress-gate` with `arguments` as a child of its own and measures it with wait4(2),
/// which gives that one child's resource usage (RUSAGE_CHILDREN would also count the children
/// of tests running in parallel). Standard input is empty, stdout is discarded.
func measuredGate(_ arguments: [String]) throws -> ToolCost {
    let errPath = temporaryDirectory().appendingPathComponent("err").path
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv: [UnsafeMutablePointer<CChar>?] = ([toolURL.path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let environment = ProcessInfo.processInfo.environment.filter { $0.key != "GITHUB_ACTIONS" && $0.key != "REGRESS_GATE_WEBHOOK" }
    let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { envp.forEach { free($0) } }

    let clock = ContinuousClock()
    let start = clock.now
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, toolURL.path, &actions, nil, argv, envp)
    guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
        guard errno == EINTR else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }
    let wall = start.duration(to: clock.now)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    let exited = (status & 0x7f) == 0
    return ToolCost(status: exited ? (status >> 8) & 0xff : -1,
                    cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime),
                    wallSeconds: Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18,
                    stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
}
