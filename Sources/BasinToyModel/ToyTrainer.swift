import BasinMath
import BasinNN
import BasinOptimize

/// Fits a `ToyNetwork` to descriptor rows and energies by mini-batch gradient steps (Adam or
/// RMSprop from BasinOptimize) on BasinNN's network and its parameter gradient.
public enum ToyTrainer {
    /// Splits the records at random (seeded) into training and validation sets, standardizes
    /// inputs and target on the training set, and trains.
    /// - Parameters:
    ///   - rows: one descriptor row per record, all of equal length.
    ///   - energies: E/N_p per record.
    ///   - progress: called after every epoch with (epoch, epochs, errors).
    public static func train(
        rows: [[Double]], energies: [Double], descriptor: ProximityDescriptor, settings database: DatabaseSettings,
        training: NetworkTraining, progress: (Int, Int, EpochErrors) -> Void = { _, _, _ in }
    ) throws(ToyModelError) -> TrainingOutcome {
        precondition(rows.count == energies.count, "one energy per descriptor row")
        var generator = SeededGenerator(seed: training.seed)
        var order = Array(rows.indices)
        order.shuffle(using: &generator)
        let validationCount = Int((training.validationFraction * Double(rows.count)).rounded())
        let trainIndices = Array(order.dropFirst(validationCount)), validIndices = Array(order.prefix(validationCount))
        guard trainIndices.count >= 2 else { throw .invalidParameter("training needs at least 2 records, got \(trainIndices.count)") }
        let inputCount = rows[0].count
        let (inputMean, inputScale) = moments(trainIndices.map { rows[$0] }, count: inputCount)
        let targets = trainIndices.map { energies[$0] }
        let (targetMean, targetScale) = moments(targets.map { [$0] }, count: 1)
        var model = ToyNetwork(
            descriptor: descriptor, settings: database, hiddenLayers: training.hiddenLayers, parameters: [],
            inputMean: inputMean, inputScale: inputScale, targetMean: targetMean[0], targetScale: targetScale[0])
        var net = ToyNetwork.makeNetwork(inputCount: inputCount, hiddenLayers: training.hiddenLayers)
        net.randomize(training.hiddenLayers.isEmpty ? .uniform(lower: -0.1, upper: 0.1) : .nguyenWidrow, using: &generator)
        let trainInputs = model.standardized(trainIndices.map { rows[$0] })
        let trainTargets = targets.map { ($0 - model.targetMean) / model.targetScale }
        let validRows = validIndices.map { rows[$0] }, validEnergies = validIndices.map { energies[$0] }
        let meanPredictorMAE = validEnergies.isEmpty ? .nan : validEnergies.reduce(0) { $0 + abs($1 - model.targetMean) } / Double(validEnergies.count)
        var history: [EpochErrors] = []
        var best: (mae: Double, parameters: [Double]) = (.infinity, net.parameters)
        func epochEnd(_ epoch: Int, _ net: NeuralNetwork) {
            model.parameters = net.parameters
            let trainMAE = meanAbsoluteError(model.predict(trainIndices.map { rows[$0] }), targets)
            let validMAE = validRows.isEmpty ? .nan : meanAbsoluteError(model.predict(validRows), validEnergies)
            let errors = EpochErrors(epoch: epoch, trainingMAE: trainMAE, validationMAE: validMAE)
            history.append(errors)
            let score = validRows.isEmpty ? trainMAE : validMAE
            if score <= best.mae || validRows.isEmpty { best = (score, net.parameters) }
            progress(epoch, training.epochs, errors)
        }
        switch training.optimizer {
        case .adam:
            var stepper = Adam()
            fit(&net, &stepper, trainInputs, trainTargets, training, &generator, epochEnd)
        case .rmsprop:
            var stepper = RMSProp()
            fit(&net, &stepper, trainInputs, trainTargets, training, &generator, epochEnd)
        }
        model.parameters = best.parameters
        let trainingMAE = meanAbsoluteError(model.predict(trainIndices.map { rows[$0] }), targets)
        let validationMAE = validRows.isEmpty ? .nan : meanAbsoluteError(model.predict(validRows), validEnergies)
        return TrainingOutcome(
            network: model, history: history, trainingMAE: trainingMAE, validationMAE: validationMAE,
            meanPredictorMAE: meanPredictorMAE, trainingCount: trainIndices.count, validationCount: validIndices.count)
    }

    /// Mini-batch epochs: each batch one forward pass, dL/dy per record, one parameter gradient.
    static func fit<Stepper: GradientStepper>(
        _ net: inout NeuralNetwork, _ stepper: inout Stepper, _ inputs: [Double], _ targets: [Double], _ training: NetworkTraining,
        _ generator: inout SeededGenerator, _ epochEnd: (Int, NeuralNetwork) -> Void
    ) {
        let n = targets.count, inputCount = net.inputCount, batch = min(training.batchSize, n)
        let workspace = NeuralNetwork.Workspace(for: net, capacity: batch)
        var order = Array(0..<n)
        var batchInputs = [Double](repeating: 0, count: batch * inputCount)
        var outputs = [Double](repeating: 0, count: batch), weights = [Double](repeating: 0, count: batch)
        var gradient = [Double](repeating: 0, count: net.parameterCount)
        for epoch in 1...training.epochs {
            order.shuffle(using: &generator)
            var start = 0
            while start < n {
                let size = min(batch, n - start)
                for b in 0..<size {
                    let row = order[start + b]
                    for k in 0..<inputCount { batchInputs[b * inputCount + k] = inputs[row * inputCount + k] }
                }
                batchInputs.withUnsafeBufferPointer { x in
                    outputs.withUnsafeMutableBufferPointer { y in
                        net.evaluate(inputs: UnsafeBufferPointer(rebasing: x[0..<(size * inputCount)]),
                                     outputs: UnsafeMutableBufferPointer(rebasing: y[0..<size]), workspace: workspace)
                    }
                }
                for b in 0..<size {
                    let residual = outputs[b] - targets[order[start + b]]
                    weights[b] = training.loss == .mae ? (residual > 0 ? 1 : residual < 0 ? -1 : 0) / Double(size) : 2 * residual / Double(size)
                }
                for k in gradient.indices { gradient[k] = 0 }
                weights.withUnsafeBufferPointer { c in
                    gradient.withUnsafeMutableBufferPointer { g in
                        net.accumulateParameterGradient(atomWeights: UnsafeBufferPointer(rebasing: c[0..<size]), workspace: workspace, into: g)
                    }
                }
                stepper.step(&net.parameters, gradient: gradient, learningRate: training.learningRate)
                start += size
            }
            epochEnd(epoch, net)
        }
    }

    /// Per column: mean and standard deviation (1 where the deviation is 0).
    static func moments(_ rows: [[Double]], count: Int) -> ([Double], [Double]) {
        var mean = [Double](repeating: 0, count: count), square = mean
        for row in rows { for k in 0..<count { mean[k] += row[k] } }
        for k in 0..<count { mean[k] /= Double(rows.count) }
        for row in rows { for k in 0..<count { square[k] += (row[k] - mean[k]) * (row[k] - mean[k]) } }
        let scale = square.map { s in
            let sd = (s / Double(rows.count)).squareRoot()
            return sd > 0 ? sd : 1
        }
        return (mean, scale)
    }

    static func meanAbsoluteError(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(max(1, a.count))
    }
}
