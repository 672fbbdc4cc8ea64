import BasinAtoms
import BasinMath

/// Memory that `SymmetryFunctionEvaluator.evaluate(_:neighbors:workspace:forces:measuringStages:weights:)`
/// reuses from one evaluation to the next, so that an MD loop allocates only when the system
/// grows: the symmetry-function values, each thread's neighborhood scratch and records, each
/// part's (`EvaluationPart`) force buffer over the extended atoms and virial, and the function
/// groups of the last element table. Not for concurrent evaluations: one per calculator.
public final class DescriptorWorkspace: @unchecked Sendable {
    /// G_is at `values[i * stride + s]` (dimensionless) for the atoms of the last `values` call;
    /// columns past an atom's own function count hold zeros.
    public var values: UnsafeBufferPointer<Double> { UnsafeBufferPointer(rebasing: valueStorage[0..<atomCount * stride]) }
    /// Row length of `values`: the largest function count of any element.
    public private(set) var stride = 0
    /// Atoms of the last `values` call.
    public private(set) var atomCount = 0
    /// Each part's force buffer, −∂E/∂x over the extended atoms (at least `extendedCount`
    /// entries), filled by `addForces`; sum them in this order for results that do not depend
    /// on which thread ran which part.
    public private(set) var forceBuffers: [UnsafeMutableBufferPointer<SIMD3<Double>>] = []
    /// Each part's virial Σ (x_a − x_i) ⊗ F_a^(i) (energy units), filled by `addForces`.
    public var virials: UnsafeBufferPointer<Matrix3> { UnsafeBufferPointer(virialStorage) }

    /// Each part's processor time in each `SymmetryFunctionEvaluator.Stage` of the last
    /// evaluation that measured its stages, at `[part * 3 + stage]`.
    public var stageTimes: UnsafeBufferPointer<ClockReading> { UnsafeBufferPointer(stageStorage) }

    private var valueStorage = UnsafeMutableBufferPointer<Double>.allocate(capacity: 0)
    private(set) var virialStorage = UnsafeMutableBufferPointer<Matrix3>.allocate(capacity: 0)
    private(set) var stageStorage = UnsafeMutableBufferPointer<ClockReading>.allocate(capacity: 0)
    /// The parts of the last evaluation.
    var parts: [EvaluationPart] = []
    /// One neighborhood scratch per thread, handed to the parts by `scratchSlots`.
    var neighborhoods: [Neighborhood] = []
    let scratchSlots = ScratchSlots()
    /// Index of atom i's function set in the evaluator.
    var atomSet: [Int] = []
    /// The groups of each set for `preparedElements`' species indices, `groups[slot][set]`: a
    /// copy of its own per scratch slot, because reading a group retains and releases its arrays,
    /// and threads reading one copy would pass those reference counts' cache lines between
    /// their cores at every atom (two threads took 2–3 % more processor time than one).
    private(set) var groups: [[FunctionGroups]] = []
    /// The sets `groups` are made from.
    private var preparedSets: [SymmetryFunctionSet] = []
    /// The set of each species of `preparedElements`, −1 for an element without one.
    private(set) var setOfSpecies: [Int] = []
    private var preparedElements: [Element]?

    public init() {}

    deinit {
        valueStorage.deallocate()
        forceBuffers.forEach { $0.deallocate() }
        virialStorage.deallocate()
        stageStorage.deallocate()
    }

    /// Groups `sets` for a configuration's element table, once per table.
    func prepareGroups(_ sets: [SymmetryFunctionSet], elements: [Element]) {
        guard preparedElements != elements else { return }
        preparedSets = sets
        groups = []
        setOfSpecies = elements.map { element in sets.firstIndex { $0.central == element } ?? -1 }
        preparedElements = elements
    }

    /// Room for `atoms` rows of `stride` values, zeroed, and neighborhoods for `threads`.
    func prepareValues(atoms: Int, stride: Int, threads: Int) {
        if valueStorage.count < atoms * stride {
            valueStorage.deallocate()
            valueStorage = .allocate(capacity: atoms * stride + atoms * stride / 4)
        }
        self.atomCount = atoms
        self.stride = stride
        UnsafeMutableBufferPointer(rebasing: valueStorage[0..<atoms * stride]).update(repeating: 0)
        while neighborhoods.count < threads { neighborhoods.append(Neighborhood()) }
        let elements = preparedElements ?? []
        while groups.count < threads {
            groups.append(preparedSets.map { set in FunctionGroups(set, species: { Int32(elements.firstIndex(of: $0) ?? -1) }) })
        }
        scratchSlots.prepare(threads)
    }

    /// `parts` force buffers of at least `extended` entries (each part zeroes its own) and
    /// `parts` virials, zeroed.
    func prepareForces(parts: Int, extended: Int) {
        if forceBuffers.count != parts || (forceBuffers.first?.count ?? 0) < extended {
            forceBuffers.forEach { $0.deallocate() }
            forceBuffers = (0..<parts).map { _ in .allocate(capacity: extended + extended / 4) }
        }
        if virialStorage.count != parts {
            virialStorage.deallocate()
            virialStorage = .allocate(capacity: parts)
            stageStorage.deallocate()
            stageStorage = .allocate(capacity: 3 * parts)
        }
        virialStorage.update(repeating: .zero)
        stageStorage.update(repeating: ClockReading())
    }
}
