import BasinAtoms
import BasinMath
import BasinPotentials

/// A force engine for the i-PI socket protocol (the i-PI code's and ASE's `SocketIOCalculator`
/// wire format): the server sends positions, the client answers with energy, forces and virial,
/// all in atomic units, numbers in the machine's (little-endian) byte order.
///
/// Messages are 12-byte ASCII headers padded with spaces. The client answers `STATUS` with its
/// state — `NEEDINIT` until the server sends `INIT` (bead index, then a length-prefixed
/// string), then `READY`, and `HAVEDATA` once `POSDATA` has been evaluated; `POSDATA` carries the
/// cell matrix h with the lattice vectors as columns (9 doubles, row-major), its inverse, the
/// atom count (int32) and the positions (3N doubles, Bohr); `GETFORCE` is answered by
/// `FORCEREADY`, the energy (Hartree), the atom count, the forces (Hartree/Bohr), the virial
/// W = Σ r ⊗ F (Hartree, 9 doubles, the transpose as ASE sends it) and a length-prefixed extra
/// string (one zero byte); after it the client needs `INIT` again. `EXIT` or a closed connection
/// ends the run.
///
/// Species and masses come from a template configuration, whose positions the server's replace.
/// A cell of zeros means open boundaries; otherwise all three directions are periodic. The
/// calculator (and its neighbor list) is kept from call to call.
public final class IPIClient {
    /// Ångström per Bohr and eV per Hartree as ASE (3.23 and later, CODATA 2018) computes them,
    /// so that what ASE converts comes back to its own numbers.
    public static let bohr = 0.5291772105638411
    public static let hartree = 27.211386024367243

    public enum State: String { case needInit = "NEEDINIT", ready = "READY", haveData = "HAVEDATA" }

    let connection: SocketConnection
    let calculator: Calculator
    var configuration: Configuration
    public private(set) var state = State.needInit
    /// Evaluations answered so far.
    public private(set) var evaluations = 0
    /// Called after each evaluation with its number (from 1) and the potential's compute time in
    /// seconds (the time between receiving the positions and having the forces).
    public var onEvaluation: ((Int, Double) -> Void)?
    private var result = Evaluation()
    /// The 3N positions received and the 3N forces sent, reused from call to call.
    private var coordinates: [Double] = []
    private var periodic = false

    /// - Parameters:
    ///   - template: species and masses of the atoms the server will send (metal units).
    /// - Throws: `InteropError.unsupported` for a potential that does not work in metal units.
    public init(connection: SocketConnection, calculator: Calculator, template: Configuration) throws(InteropError) {
        guard calculator.potential.units == .metal else {
            throw .unsupported("i-PI speaks atomic units; give a potential in metal units (eV, Å), not \(calculator.potential.units.name)")
        }
        self.connection = connection
        self.calculator = calculator
        configuration = template
        configuration.velocities = nil
    }

    /// Answers the server until it sends `EXIT` or closes the connection between messages.
    /// - Throws: `InteropError` for a broken message or connection, `PotentialError` when the
    ///   potential cannot evaluate the structure sent.
    public func run() throws {
        while true {
            let header: String
            do {
                header = try readHeader()
            } catch InteropError.closed(let what) where what.hasPrefix("before") {
                return
            }
            switch header {
            case "STATUS": try sendHeader(state.rawValue)
            case "INIT": try receiveInit()
            case "POSDATA": try receivePositions()
            case "GETFORCE": try sendForces()
            case "EXIT": return
            default: throw InteropError.protocolViolation("unexpected message '\(header)'")
            }
        }
    }

    // MARK: - Messages

    func receiveInit() throws {
        _ = try readInt32("the bead index")
        let length = try readInt32("the INIT string length")
        guard length >= 0 && length < 1 << 24 else { throw InteropError.protocolViolation("INIT string of \(length) bytes") }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        try bytes.withUnsafeMutableBytes { try connection.read(into: $0, what: "the INIT string") }
        state = .ready
    }

    func receivePositions() throws {
        let h = try readDoubles(9, "the cell")
        _ = try readDoubles(9, "the inverse cell")
        let count = Int(try readInt32("the atom count"))
        guard count == configuration.count else {
            throw InteropError.unsupported("the server sends \(count) atoms, the structure has \(configuration.count)")
        }
        if coordinates.count != 3 * count { coordinates = [Double](repeating: 0, count: 3 * count) }
        try readDoubles(into: &coordinates, "the positions")
        // h holds the lattice vectors as columns: vector k is (h[k], h[3 + k], h[6 + k]).
        let vectors = (0..<3).map { k in Self.bohr * SIMD3(h[k], h[3 + k], h[6 + k]) }
        periodic = h.contains { $0 != 0 }
        configuration.cell = periodic ? Cell(vectors: Matrix3(rows: vectors[0], vectors[1], vectors[2])) : .open
        for i in 0..<count {
            configuration.positions[i] = Self.bohr * SIMD3(coordinates[3 * i], coordinates[3 * i + 1], coordinates[3 * i + 2])
        }
        let start = ContinuousClock.now
        try calculator.evaluate(configuration, periodic ? [.energy, .forces, .virial] : .energyAndForces, into: &result)
        evaluations += 1
        if let onEvaluation {
            let elapsed = (ContinuousClock.now - start).components
            onEvaluation(evaluations, Double(elapsed.seconds) + 1e-18 * Double(elapsed.attoseconds))
        }
        state = .haveData
    }

    func sendForces() throws {
        guard state == .haveData else { throw InteropError.protocolViolation("GETFORCE before POSDATA") }
        try sendHeader("FORCEREADY")
        try sendDoubles([result.energy / Self.hartree])
        try sendInt32(Int32(configuration.count))
        let forceUnit = Self.bohr / Self.hartree
        for (i, force) in result.forces.enumerated() {
            coordinates[3 * i] = forceUnit * force.x
            coordinates[3 * i + 1] = forceUnit * force.y
            coordinates[3 * i + 2] = forceUnit * force.z
        }
        try sendDoubles(coordinates)
        let w = periodic ? result.virial.transposed : .zero
        try sendDoubles((0..<3).flatMap { i in (0..<3).map { j in w[i, j] / Self.hartree } })
        try sendInt32(1)
        try [UInt8(0)].withUnsafeBytes { try connection.write($0) }
        state = .needInit
    }

    // MARK: - Wire format

    func readHeader() throws -> String {
        var bytes = [UInt8](repeating: 0, count: 12)
        try bytes.withUnsafeMutableBytes { try connection.read(into: $0, what: "a message header") }
        guard bytes.allSatisfy({ $0 == 0x20 || $0 == 0 || (0x41...0x5A).contains($0) }) else {
            throw InteropError.protocolViolation("a header that is not an upper-case word: \(bytes)")
        }
        return String(decoding: bytes.filter { $0 != 0x20 && $0 != 0 }, as: UTF8.self)
    }

    func sendHeader(_ word: String) throws {
        var bytes = Array(word.utf8)
        bytes += [UInt8](repeating: 0x20, count: 12 - bytes.count)
        try bytes.withUnsafeBytes { try connection.write($0) }
    }

    func readInt32(_ what: String) throws -> Int32 {
        var value: Int32 = 0
        try withUnsafeMutableBytes(of: &value) { try connection.read(into: $0, what: what) }
        return Int32(littleEndian: value)
    }

    func readDoubles(_ count: Int, _ what: String) throws -> [Double] {
        var values = [Double](repeating: 0, count: count)
        try readDoubles(into: &values, what)
        return values
    }

    /// Fills all of `values` from the connection.
    func readDoubles(into values: inout [Double], _ what: String) throws {
        try values.withUnsafeMutableBytes { try connection.read(into: $0, what: what) }
        guard values.allSatisfy(\.isFinite) else { throw InteropError.protocolViolation("\(what) holds NaN or infinite numbers") }
    }

    func sendInt32(_ value: Int32) throws {
        try withUnsafeBytes(of: value.littleEndian) { try connection.write($0) }
    }

    func sendDoubles(_ values: [Double]) throws {
        try values.withUnsafeBytes { try connection.write($0) }
    }
}
