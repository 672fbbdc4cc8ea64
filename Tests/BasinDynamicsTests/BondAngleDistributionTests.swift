import BasinAtoms
import BasinDynamics
import Foundation
import Testing

@Suite struct BondAngleDistributionTests {
    static func sample(_ distribution: BondAngleDistribution, _ configuration: Configuration) throws {
        try distribution.observe(DynamicsState(configuration: configuration))
    }

    @Test func idealCristobaliteHasTetrahedralAndStraightAngles() throws {
        // One cubic cell: the bonds of atoms near a face reach periodic images.
        let crystal = try Crystal.cristobalite.build(cells: SIMD3(1, 1, 1))
        let oSiO = try BondAngleDistribution(apex: 0, ends: 1, bondCutoff: 2.0, binCount: 360)
        let siOSi = try BondAngleDistribution(apex: 1, ends: 0, bondCutoff: 2.0, binCount: 180)
        try Self.sample(oSiO, crystal)
        try Self.sample(siOSi, crystal)
        // 8 Si with 4 O each: 6 angles each; 16 O with 2 Si each: 1 angle each.
        #expect(oSiO.angleCount == 8 * 6)
        #expect(siOSi.angleCount == 16)
        let tetrahedral = acos(-1.0 / 3) * 180 / .pi
        #expect(abs(oSiO.meanAngle - tetrahedral) < 1e-9)
        #expect(abs(siOSi.meanAngle - 180) < 1e-6)
        #expect(oSiO.values[Int(tetrahedral / oSiO.binWidth)] * oSiO.binWidth == 1)
        #expect(siOSi.values[179] == 1)
    }

    @Test func quartzHasTheMeasuredBridgingAngle() throws {
        // Levien, Prewitt & Weidner (1980): Si–O–Si 143.73°, O–Si–O between 108.8° and 110.5°.
        let crystal = try Crystal.quartz.build(cells: SIMD3(2, 2, 2))
        let siOSi = try BondAngleDistribution(apex: 1, ends: 0, bondCutoff: 2.0)
        let oSiO = try BondAngleDistribution(apex: 0, ends: 1, bondCutoff: 2.0)
        try Self.sample(siOSi, crystal)
        try Self.sample(siOSi, crystal)
        try Self.sample(oSiO, crystal)
        #expect(siOSi.sampleCount == 2 && siOSi.anglesPerSample == 48)
        #expect(abs(siOSi.meanAngle - 143.7) < 0.1)
        #expect(abs(oSiO.meanAngle - 109.47) < 0.1)
        let spread = oSiO.angles.indices.filter { oSiO.values[$0] > 0 }.map { oSiO.angles[$0] }
        #expect(spread.min()! > 108 && spread.max()! < 111)
        let total = siOSi.values.reduce(0, +) * siOSi.binWidth
        #expect(abs(total - 1) < 1e-12)
    }

    @Test func rejectsBadSettings() {
        #expect(throws: DynamicsError.self) { try BondAngleDistribution(apex: 0, ends: 1, bondCutoff: 0) }
        #expect(throws: DynamicsError.self) { try BondAngleDistribution(apex: -1, ends: 1, bondCutoff: 2) }
        #expect(throws: DynamicsError.self) { try BondAngleDistribution(apex: 0, ends: 1, bondCutoff: 2, binCount: 0) }
        let empty = try? BondAngleDistribution(apex: 0, ends: 1, bondCutoff: 2)
        #expect(empty?.meanAngle.isNaN == true && empty?.values.allSatisfy { $0 == 0 } == true)
    }
}
