/* The C ABI of libBasinKIM (Sources/BasinKIM/CInterface.swift): Basin's neural-network
 * potentials on a simulator's particles and neighbor lists. Units are the simulator's, given to
 * basin_kim_create as its length units per angstrom and energy units per eV. */
#ifndef BASIN_KIM_H
#define BASIN_KIM_H

#ifdef __cplusplus
extern "C" {
#endif

/* Loads the model folder (n2p2 files and basin-kim.params); NULL with the reason in message. */
void * basin_kim_create(char const * directory, double lengthScale, double energyScale,
                        char * message, int capacity);
void basin_kim_destroy(void * model);
/* Cutoff and influence distance (simulator length units). */
double basin_kim_cutoff(void * model);
/* Species code k (0 <= k < count) is the element named by basin_kim_species_symbol. */
int basin_kim_species_count(void * model);
void basin_kim_species_symbol(void * model, int code, char * symbol, int capacity);
/* Energy, forces (3 per particle, halo particles included), per-particle energies and the
 * virial (Voigt order, KIM's sign) of the contributing particles; outputs may be NULL. The
 * neighbors of particle p are neighbors[offsets[p] .. offsets[p + 1]). Returns 0, or 1 with the
 * reason in message. */
int basin_kim_compute(void * model, int count, int const * species, int const * contributing,
                      double const * coordinates, int const * offsets, int const * neighbors,
                      double * energy, double * forces, double * particleEnergies, double * virial,
                      char * message, int capacity);

#ifdef __cplusplus
}
#endif

#endif
