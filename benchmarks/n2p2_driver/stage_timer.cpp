// Times the stages of n2p2's Prediction::predict() with n2p2's own calls, on the model and
// input.data in the working directory (n2p2's file names), over repeated evaluations:
//
//   neighbor list     Structure::calculateNeighborList
//   descriptors       Mode::calculateSymmetryFunctionGroups (values and derivatives)
//   networks          Mode::calculateAtomicNeuralNetworks (energies and dE/dG)
//   forces            Mode::calculateEnergy + Mode::calculateForces
//
// Each stage is timed by three clocks: wall time (steady_clock), the processor time of the
// calling thread (CLOCK_THREAD_CPUTIME_ID, which a busy machine disturbs far less than wall
// time: it does not count waiting for a core) and of the whole process, all threads
// (CLOCK_PROCESS_CPUTIME_ID, for OpenMP runs).
//
// Each evaluation starts from a copy of the structure as read (no neighbors), made outside
// the timed region, as every call of predict() on a fresh structure would. Prints one JSON
// document: the seconds of each stage for each evaluation under "wall", "thread_cpu" and
// "process_cpu", the total energy of the last evaluation in physical units (Hartree for the
// water model: Mode::physicalEnergy plus the atomic reference energies, as predict() reports
// it) and the process's peak resident memory (KiB).
//
// Usage: stage_timer EVALUATIONS
#include "Prediction.h"
#include "Structure.h"
#include <sys/resource.h>
#include <time.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace nnp;

namespace
{

/// One reading of the three clocks (seconds).
struct Instant
{
    double wall, thread, process;

    static double read(clockid_t clock)
    {
        timespec t;
        clock_gettime(clock, &t);
        return t.tv_sec + 1e-9 * t.tv_nsec;
    }

    static Instant now()
    {
        return {std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(),
                read(CLOCK_THREAD_CPUTIME_ID), read(CLOCK_PROCESS_CPUTIME_ID)};
    }
};

/// Each stage's seconds per evaluation, by clock.
struct StageTimes
{
    std::vector<double> wall, thread, process;

    void add(Instant a, Instant b)
    {
        wall.push_back(b.wall - a.wall);
        thread.push_back(b.thread - a.thread);
        process.push_back(b.process - a.process);
    }
};

void printList(std::vector<double> const& v)
{
    std::printf("[");
    for (size_t i = 0; i < v.size(); ++i) std::printf("%s%.9f", i ? ", " : "", v[i]);
    std::printf("]");
}

/// {"wall": {...stages}, "thread_cpu": {...}, "process_cpu": {...}}
void printStages(char const* const* names, StageTimes const* stages, int count)
{
    char const* clocks[] = {"wall", "thread_cpu", "process_cpu"};
    for (int c = 0; c < 3; ++c)
    {
        std::printf("  \"%s\": {", clocks[c]);
        for (int s = 0; s < count; ++s)
        {
            std::printf("%s\"%s\": ", s ? ", " : "", names[s]);
            printList(c == 0 ? stages[s].wall : c == 1 ? stages[s].thread : stages[s].process);
        }
        std::printf("}%s\n", c < 2 ? "," : "");
    }
}

}  // namespace

int main(int argc, char** argv)
{
    int evaluations = argc > 1 ? std::atoi(argv[1]) : 5;
    if (evaluations < 1) { std::fprintf(stderr, "stage_timer: EVALUATIONS must be at least 1\n"); return 2; }
    Prediction prediction;
    prediction.log.writeToStdout = false;
    prediction.setup();
    prediction.readStructureFromFile("input.data");
    Structure const original = prediction.structure;
    char const* names[] = {"neighbor_list", "descriptors", "networks", "forces"};
    StageTimes stages[4];
    double energy = 0;
    for (int n = 0; n < evaluations; ++n)
    {
        Structure s = original;
        Instant t0 = Instant::now();
        s.calculateNeighborList(prediction.getMaxCutoffRadius());
        Instant t1 = Instant::now();
        prediction.calculateSymmetryFunctionGroups(s, true);
        Instant t2 = Instant::now();
        prediction.calculateAtomicNeuralNetworks(s, true);
        Instant t3 = Instant::now();
        prediction.calculateEnergy(s);
        prediction.calculateForces(s);
        Instant t4 = Instant::now();
        stages[0].add(t0, t1);
        stages[1].add(t1, t2);
        stages[2].add(t2, t3);
        stages[3].add(t3, t4);
        // The structure is in n2p2's normalized units with the atomic reference energies
        // removed (readStructureFromFile); predict() undoes both.
        energy = prediction.physicalEnergy(s, false) + prediction.getEnergyOffset(s);
    }
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    std::printf("{\n  \"atoms\": %zu,\n  \"energy\": %.17g,\n  \"peak_rss_kib\": %ld,\n",
                original.numAtoms, energy, usage.ru_maxrss);
    printStages(names, stages, 4);
    std::printf("}\n");
    return 0;
}
