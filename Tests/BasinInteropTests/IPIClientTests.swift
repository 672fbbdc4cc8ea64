#if canImport(Glibc)
import Glibc
#endif
import BasinAtoms
import BasinInterop
import BasinMath
import BasinPotentials
import Foundation
import Testing

/// The i-PI client against a server written here from the protocol: the numbers that come back
/// are the potential's in atomic units, and broken sessions end in words.
@Suite struct IPIClientTests {
    /// A one-connection UNIX-socket server speaking the server side of the protocol.
    final class Server: @unchecked Sendable {
        let path: String
        let listener: Int32
        var peer: Int32 = -1

        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("basin-ipi-\(UUID().uuidString.prefix(8))").path
            listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                for (i, byte) in path.utf8.enumerated() { raw[i] = byte }
            }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            try #require(bound == 0 && listen(listener, 1) == 0)
        }

        deinit {
            if peer >= 0 { close(peer) }
            close(listener)
            unlink(path)
        }

        func accept() { peer = Glibc.accept(listener, nil, nil) }
        func closePeer() { close(peer); peer = -1 }

        func send(_ bytes: [UInt8]) { bytes.withUnsafeBytes { _ = Glibc.send(peer, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) } }
        func header(_ word: String) { send(Array(word.utf8) + [UInt8](repeating: 0x20, count: 12 - word.utf8.count)) }
        func send<T>(_ values: [T]) { values.withUnsafeBytes { send(Array($0)) } }

        func receive(_ count: Int) -> [UInt8] {
            var bytes = [UInt8](repeating: 0, count: count)
            var done = 0
            while done < count {
                let n = bytes.withUnsafeMutableBytes { recv(peer, $0.baseAddress! + done, count - done, 0) }
                if n <= 0 { return Array(bytes[..<done]) }
                done += n
            }
            return bytes
        }
        func receiveHeader() -> String { String(decoding: receive(12), as: UTF8.self).trimmingCharacters(in: .whitespaces) }
        func receive<T>(_ type: T.Type, count: Int) -> [T] {
            receive(count * MemoryLayout<T>.stride).withUnsafeBytes { Array($0.bindMemory(to: T.self)) }
        }
    }

    static func argon() throws -> (Calculator, Configuration) {
        let lj = try LennardJones(epsilon: 0.0104, sigma: 3.4, cutoff: 8.5, units: .metal)
        var generator = SeededGenerator(seed: 2)
        let lattice = try Lattice.fcc.build(element: Element(symbol: "Ar"), latticeConstant: 5.26, cells: SIMD3(2, 2, 2))
        var c = lattice
        for i in 0..<c.count { c.positions[i] += 0.05 * generator.normal3() }
        return (Calculator(potential: lj), c)
    }

    /// Starts the client on its own thread; returns a box that holds its error when it ends.
    final class ClientRun: @unchecked Sendable {
        var error: (any Error)?
        /// What `onEvaluation` reported: evaluation number and compute seconds.
        var timings: [(number: Int, seconds: Double)] = []
        let done = DispatchSemaphore(value: 0)
    }

    static func startClient(_ server: Server, template: Configuration, calculator: Calculator) -> ClientRun {
        let run = ClientRun()
        let path = server.path
        Thread.detachNewThread {
            do {
                let client = try IPIClient(connection: SocketConnection(address: "unix:\(path)"), calculator: calculator, template: template)
                client.onEvaluation = { run.timings.append(($0, $1)) }
                try client.run()
            } catch {
                run.error = error
            }
            run.done.signal()
        }
        server.accept()
        return run
    }

    @Test func answersWithThePotentialsNumbersInAtomicUnits() throws {
        let (calculator, c) = try Self.argon()
        let server = try Server()
        let client = Self.startClient(server, template: c, calculator: Calculator(potential: calculator.potential))
        server.header("STATUS")
        #expect(server.receiveHeader() == "NEEDINIT")
        server.header("INIT")
        server.send([Int32(0), Int32(1)])
        server.send([UInt8(0)])
        server.header("STATUS")
        #expect(server.receiveHeader() == "READY")
        // h with the lattice vectors as columns, in Bohr; then its inverse, the count, positions.
        let bohr = IPIClient.bohr, hartree = IPIClient.hartree
        let v = c.cell.vectors
        let h = (0..<3).flatMap { i in (0..<3).map { k in v[k][i] / bohr } }
        server.header("POSDATA")
        server.send(h)
        server.send([Double](repeating: 0, count: 9))
        server.send([Int32(c.count)])
        server.send(c.positions.flatMap { [$0.x / bohr, $0.y / bohr, $0.z / bohr] })
        server.header("STATUS")
        #expect(server.receiveHeader() == "HAVEDATA")
        server.header("GETFORCE")
        #expect(server.receiveHeader() == "FORCEREADY")
        let energy = server.receive(Double.self, count: 1)[0] * hartree
        let count = server.receive(Int32.self, count: 1)[0]
        let forces = server.receive(Double.self, count: 3 * Int(count)).map { $0 * hartree / bohr }
        let virial = server.receive(Double.self, count: 9).map { $0 * hartree }
        let extra = server.receive(Int32.self, count: 1)[0]
        _ = server.receive(Int(extra))
        server.header("STATUS")
        #expect(server.receiveHeader() == "NEEDINIT")
        server.header("EXIT")
        client.done.wait()
        #expect(client.error == nil)
        #expect(client.timings.count == 1 && client.timings[0].number == 1)
        #expect(client.timings[0].seconds > 0 && client.timings[0].seconds < 10)

        // What the client computed from positions that went to Bohr and back.
        var sent = c
        sent.positions = c.positions.map { ($0 / bohr) * bohr }
        sent.cell = Cell(vectors: Matrix3(rows: (v[0] / bohr) * bohr, (v[1] / bohr) * bohr, (v[2] / bohr) * bohr))
        let reference = try calculator.evaluate(sent, [.energy, .forces, .virial])
        #expect(count == Int32(c.count))
        #expect(abs(energy - reference.energy) <= 1e-12 * abs(reference.energy))
        let largest = reference.forces.map { max(abs($0.x), abs($0.y), abs($0.z)) }.max()!
        for i in 0..<c.count {
            for k in 0..<3 { #expect(abs(forces[3 * i + k] - reference.forces[i][k]) <= 1e-12 * largest) }
        }
        for i in 0..<3 {
            for j in 0..<3 { #expect(abs(virial[3 * i + j] - reference.virial[j, i]) <= 1e-12 * abs(reference.virial[0, 0])) }
        }
    }

    @Test func aChangedAtomCountEndsTheRunInWords() throws {
        let (calculator, c) = try Self.argon()
        let server = try Server()
        let client = Self.startClient(server, template: c, calculator: calculator)
        server.header("POSDATA")
        server.send([Double](repeating: 0, count: 18))
        server.send([Int32(c.count + 1)])
        client.done.wait()
        #expect(client.error as? InteropError == .unsupported("the server sends \(c.count + 1) atoms, the structure has \(c.count)"))
    }

    @Test func aServerThatLeavesInTheMiddleOfAMessageEndsTheRunInWords() throws {
        let (calculator, c) = try Self.argon()
        let server = try Server()
        let client = Self.startClient(server, template: c, calculator: calculator)
        server.header("POSDATA")
        server.send([Double](repeating: 0, count: 4))
        server.closePeer()
        client.done.wait()
        #expect(client.error as? InteropError == .closed("in the middle of the cell"))
    }

    @Test func anUnknownMessageIsAProtocolError() throws {
        let (calculator, c) = try Self.argon()
        let server = try Server()
        let client = Self.startClient(server, template: c, calculator: calculator)
        server.header("HELLO")
        client.done.wait()
        #expect(client.error as? InteropError == .protocolViolation("unexpected message 'HELLO'"))
    }
}
