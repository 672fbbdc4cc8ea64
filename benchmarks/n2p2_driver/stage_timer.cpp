// Times the stages of n2p2's Prediction::predict() with n2p2's own calls, on the model and
// input.data in the working directory (n2p2's file names), over repeated evaluations:
//
//   neighbor list     Structure::calculateNeighborList
//   descriptors       Mode::calculateSymmetryFunctionGroups (values and derivatives)
//   networks          Mode::calculateAtomicNeuralNetworks (energies and dE/dG)
//   forces            Mode::calculateEnergy + Mode::calculateForces
//
// Each evaluation starts from a copy of the structure as read (no neighbors), made outside
// the timed region, as every call of predict() on a fresh structure would. Prints one JSON
// document: the seconds of each stage for each evaluation, the energy (Mode::physicalEnergy of
// the last one) and the process's peak resident memory (KiB).
//
// Usage: stage_timer EVALUATIONS
#include "Prediction.h"
#include "Structure.h"
#include <sys/resource.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace nnp;
using Clock = std::chrono::steady_clock;

static double seconds(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

static void printList(char const* name, std::vector<double> const& v, bool last)
{
    std::printf("  \"%s\": [", name);
    for (size_t i = 0; i < v.size(); ++i) std::printf("%s%.9f", i ? ", " : "", v[i]);
    std::printf("]%s\n", last ? "" : ",");
}

int main(int argc, char** argv)
{
    int evaluations = argc > 1 ? std::atoi(argv[1]) : 5;
    if (evaluations < 1) { std::fprintf(stderr, "stage_timer: EVALUATIONS must be at least 1\n"); return 2; }
    Prediction prediction;
    prediction.log.writeToStdout = false;
    prediction.setup();
    prediction.readStructureFromFile("input.data");
    Structure const original = prediction.structure;
    std::vector<double> neighbors, descriptors, networks, forces;
    double energy = 0;
    for (int n = 0; n < evaluations; ++n)
    {
        Structure s = original;
        auto t0 = Clock::now();
        s.calculateNeighborList(prediction.getMaxCutoffRadius());
        auto t1 = Clock::now();
        prediction.calculateSymmetryFunctionGroups(s, true);
        auto t2 = Clock::now();
        prediction.calculateAtomicNeuralNetworks(s, true);
        auto t3 = Clock::now();
        prediction.calculateEnergy(s);
        prediction.calculateForces(s);
        auto t4 = Clock::now();
        neighbors.push_back(seconds(t0, t1));
        descriptors.push_back(seconds(t1, t2));
        networks.push_back(seconds(t2, t3));
        forces.push_back(seconds(t3, t4));
        energy = prediction.physicalEnergy(s, false);
    }
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    std::printf("{\n  \"atoms\": %zu,\n  \"energy\": %.15g,\n  \"peak_rss_kib\": %ld,\n",
                original.numAtoms, energy, usage.ru_maxrss);
    printList("neighbor_list", neighbors, false);
    printList("descriptors", descriptors, false);
    printList("networks", networks, false);
    printList("forces", forces, true);
    std::printf("}\n");
    return 0;
}
