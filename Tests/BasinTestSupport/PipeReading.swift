import Foundation
import Glibc

extension FileHandle {
    /// Everything until end of file, read with read(2) and retried when a signal interrupts it.
    /// Foundation's `readDataToEndOfFile()` traps on EINTR, which a test process can receive
    /// while it waits on a child (MPI launchers and signal tests deliver signals around it).
    public func readAllRetryingInterrupts() -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                return data
            }
        }
    }
}
