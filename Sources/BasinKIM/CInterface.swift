import Foundation

// The C ABI of Basin's KIM model driver (declared in kim/driver/basin_kim.h). The C++ glue calls
// these from KIM's create, refresh, compute and destroy routines; every failure returns a
// non-zero status or a null model with one line in `message` for KIM's log, never a crash.

/// Copies `text` into the C buffer `message` of `capacity` bytes, NUL-terminated.
private func report(_ text: String, into message: UnsafeMutablePointer<CChar>?, capacity: Int32) {
    guard let message, capacity > 0 else { return }
    let bytes = Array(text.utf8.prefix(Int(capacity) - 1))
    for (k, byte) in bytes.enumerated() { message[k] = CChar(bitPattern: byte) }
    message[bytes.count] = 0
}

/// Loads the model in `directory` for a simulator whose units are `lengthScale` per Å and
/// `energyScale` per eV. Returns an owned handle, or nil with the reason in `message`.
@_cdecl("basin_kim_create")
public func basinKIMCreate(
    _ directory: UnsafePointer<CChar>, _ lengthScale: Double, _ energyScale: Double,
    _ message: UnsafeMutablePointer<CChar>?, _ capacity: Int32
) -> UnsafeMutableRawPointer? {
    guard lengthScale > 0, energyScale > 0 else {
        report("unit conversion factors must be positive", into: message, capacity: capacity)
        return nil
    }
    do {
        let model = try KIMModel(directory: URL(fileURLWithPath: String(cString: directory)), lengthScale: lengthScale, energyScale: energyScale)
        return Unmanaged.passRetained(model).toOpaque()
    } catch {
        report(error.description, into: message, capacity: capacity)
        return nil
    }
}

/// Releases a handle from `basin_kim_create`.
@_cdecl("basin_kim_destroy")
public func basinKIMDestroy(_ handle: UnsafeMutableRawPointer) {
    Unmanaged<KIMModel>.fromOpaque(handle).release()
}

private func model(_ handle: UnsafeMutableRawPointer) -> KIMModel {
    Unmanaged<KIMModel>.fromOpaque(handle).takeUnretainedValue()
}

/// The cutoff and influence distance, in the simulator's length units.
@_cdecl("basin_kim_cutoff")
public func basinKIMCutoff(_ handle: UnsafeMutableRawPointer) -> Double { model(handle).cutoff }

/// Number of species; species code k is element `basin_kim_species_symbol(handle, k)`.
@_cdecl("basin_kim_species_count")
public func basinKIMSpeciesCount(_ handle: UnsafeMutableRawPointer) -> Int32 { Int32(model(handle).elements.count) }

/// The chemical symbol of species code `code` into `symbol` (NUL-terminated, at most `capacity` bytes).
@_cdecl("basin_kim_species_symbol")
public func basinKIMSpeciesSymbol(_ handle: UnsafeMutableRawPointer, _ code: Int32, _ symbol: UnsafeMutablePointer<CChar>, _ capacity: Int32) {
    let elements = model(handle).elements
    report(elements.indices.contains(Int(code)) ? elements[Int(code)].symbol : "", into: symbol, capacity: capacity)
}

/// One compute of `count` particles: species codes, contributing flags (non-zero: contributing),
/// coordinates (3 per particle), neighbor offsets (count + 1) and neighbor indices of the
/// contributing particles. Outputs may be null. Returns 0, or 1 with the reason in `message`.
@_cdecl("basin_kim_compute")
public func basinKIMCompute(
    _ handle: UnsafeMutableRawPointer, _ count: Int32,
    _ species: UnsafePointer<Int32>, _ contributing: UnsafePointer<Int32>, _ coordinates: UnsafePointer<Double>,
    _ offsets: UnsafePointer<Int32>, _ neighbors: UnsafePointer<Int32>?,
    _ energy: UnsafeMutablePointer<Double>?, _ forces: UnsafeMutablePointer<Double>?,
    _ particleEnergies: UnsafeMutablePointer<Double>?, _ virial: UnsafeMutablePointer<Double>?,
    _ message: UnsafeMutablePointer<CChar>?, _ capacity: Int32
) -> Int32 {
    let n = Int(count), entries = Int(offsets[n])
    do {
        try model(handle).compute(
            species: UnsafeBufferPointer(start: species, count: n),
            contributing: UnsafeBufferPointer(start: contributing, count: n),
            coordinates: UnsafeBufferPointer(start: coordinates, count: 3 * n),
            offsets: UnsafeBufferPointer(start: offsets, count: n + 1),
            neighborList: UnsafeBufferPointer(start: neighbors, count: entries),
            energy: energy, forces: forces.map { UnsafeMutableBufferPointer(start: $0, count: 3 * n) },
            particleEnergies: particleEnergies.map { UnsafeMutableBufferPointer(start: $0, count: n) },
            virial: virial)
        return 0
    } catch {
        report(error.description, into: message, capacity: capacity)
        return 1
    }
}
