// Basin's KIM model driver: the KIM-facing glue around libBasinKIM, which computes n2p2
// neural-network potentials with Basin's Swift kernels. The glue negotiates units, declares
// species, cutoff and compute arguments, gathers the simulator's neighbor lists into flat arrays
// and reports failures through KIM's log.
//
// The model asks for full neighbor lists of the contributing particles only, with influence
// distance = cutoff = the largest symmetry-function cutoff r_c: each atomic energy E_i depends
// on i's neighbors within r_c, and the driver returns the force -dE/dx on every particle, halo
// particles included, which the simulator sums onto their owners (LAMMPS: newton on).

#include <string>
#include <vector>

#include "KIM_ModelDriverHeaders.hpp"
#include "basin_kim.h"

namespace {

int const messageCapacity = 1024;

// Per-model state: the Swift model and buffers reused from compute to compute.
struct Buffer {
  void * model = nullptr;
  double cutoff = 0;
  int willNotRequestNoncontributingNeighbors = 1;
  std::vector<int> offsets;
  std::vector<int> neighbors;
};

int Destroy(KIM::ModelDestroy * const modelDestroy)
{
  Buffer * buffer;
  modelDestroy->GetModelBufferPointer(reinterpret_cast<void **>(&buffer));
  if (buffer != nullptr)
  {
    if (buffer->model != nullptr) basin_kim_destroy(buffer->model);
    delete buffer;
  }
  return false;
}

int ComputeArgumentsCreate(
    KIM::ModelCompute const * const,
    KIM::ModelComputeArgumentsCreate * const create)
{
  KIM::ComputeArgumentName const optional[] = {
      KIM::COMPUTE_ARGUMENT_NAME::partialEnergy,
      KIM::COMPUTE_ARGUMENT_NAME::partialForces,
      KIM::COMPUTE_ARGUMENT_NAME::partialParticleEnergy,
      KIM::COMPUTE_ARGUMENT_NAME::partialVirial};
  for (KIM::ComputeArgumentName const & name : optional)
  {
    if (create->SetArgumentSupportStatus(name, KIM::SUPPORT_STATUS::optional))
    {
      create->LogEntry(KIM::LOG_VERBOSITY::error,
                       "cannot declare the compute arguments", __LINE__, __FILE__);
      return true;
    }
  }
  return false;
}

int ComputeArgumentsDestroy(KIM::ModelCompute const * const,
                            KIM::ModelComputeArgumentsDestroy * const)
{
  return false;
}

int Compute(KIM::ModelCompute const * const modelCompute,
            KIM::ModelComputeArguments const * const arguments)
{
  Buffer * buffer;
  modelCompute->GetModelBufferPointer(reinterpret_cast<void **>(&buffer));
  int const * count = nullptr;
  int const * species = nullptr;
  int const * contributing = nullptr;
  double const * coordinates = nullptr;
  double * energy = nullptr;
  double * forces = nullptr;
  double * particleEnergies = nullptr;
  double * virial = nullptr;
  if (arguments->GetArgumentPointer(KIM::COMPUTE_ARGUMENT_NAME::numberOfParticles, &count)
      || arguments->GetArgumentPointer(KIM::COMPUTE_ARGUMENT_NAME::particleSpeciesCodes, &species)
      || arguments->GetArgumentPointer(KIM::COMPUTE_ARGUMENT_NAME::particleContributing, &contributing)
      || arguments->GetArgumentPointer(KIM::COMPUTE_ARGUMENT_NAME::coordinates, &coordinates)
      || arguments->GetArgumentPointer(KIM::COMPUTE_ARGUMENT_NAME::partialEnergy, &energy)
      || arguments->GetArgumentPointer(KIM::COMPUTE_ARGUMENT_NAME::partialForces, &forces)
      || arguments->GetArgumentPointer(KIM::COMPUTE_ARGUMENT_NAME::partialParticleEnergy, &particleEnergies)
      || arguments->GetArgumentPointer(KIM::COMPUTE_ARGUMENT_NAME::partialVirial, &virial))
  {
    modelCompute->LogEntry(KIM::LOG_VERBOSITY::error,
                           "cannot read the compute arguments", __LINE__, __FILE__);
    return true;
  }
  int const n = *count;
  buffer->offsets.assign(1, 0);
  buffer->neighbors.clear();
  for (int p = 0; p < n; ++p)
  {
    if (contributing[p])
    {
      int length = 0;
      int const * row = nullptr;
      if (arguments->GetNeighborList(0, p, &length, &row))
      {
        modelCompute->LogEntry(KIM::LOG_VERBOSITY::error,
                               "cannot get a neighbor list", __LINE__, __FILE__);
        return true;
      }
      buffer->neighbors.insert(buffer->neighbors.end(), row, row + length);
    }
    buffer->offsets.push_back(static_cast<int>(buffer->neighbors.size()));
  }
  char message[messageCapacity] = "";
  if (basin_kim_compute(buffer->model, n, species, contributing, coordinates,
                        buffer->offsets.data(), buffer->neighbors.data(), energy,
                        forces, particleEnergies, virial, message, messageCapacity))
  {
    modelCompute->LogEntry(KIM::LOG_VERBOSITY::error, message, __LINE__, __FILE__);
    return true;
  }
  return false;
}

// Fails the create with one line in KIM's log.
int Fail(KIM::ModelDriverCreate * const create, std::string const & reason)
{
  create->LogEntry(KIM::LOG_VERBOSITY::error, "Basin NNP driver: " + reason, __LINE__, __FILE__);
  return true;
}

}  // namespace

extern "C" int model_driver_create(KIM::ModelDriverCreate * const create,
                                   KIM::LengthUnit const requestedLengthUnit,
                                   KIM::EnergyUnit const requestedEnergyUnit,
                                   KIM::ChargeUnit const,
                                   KIM::TemperatureUnit const,
                                   KIM::TimeUnit const)
{
  // The model files' units are stated relative to angstrom and eV (basin-kim.params); the
  // simulator's are used as requested, with angstrom and eV where it leaves them unused.
  KIM::LengthUnit const length = requestedLengthUnit == KIM::LENGTH_UNIT::unused
                                     ? KIM::LENGTH_UNIT::A : requestedLengthUnit;
  KIM::EnergyUnit const energy = requestedEnergyUnit == KIM::ENERGY_UNIT::unused
                                     ? KIM::ENERGY_UNIT::eV : requestedEnergyUnit;
  double lengthScale = 1;
  double energyScale = 1;
  if (KIM::ModelDriverCreate::ConvertUnit(
          KIM::LENGTH_UNIT::A, KIM::ENERGY_UNIT::eV, KIM::CHARGE_UNIT::e,
          KIM::TEMPERATURE_UNIT::K, KIM::TIME_UNIT::ps, length, energy,
          KIM::CHARGE_UNIT::e, KIM::TEMPERATURE_UNIT::K, KIM::TIME_UNIT::ps,
          1, 0, 0, 0, 0, &lengthScale)
      || KIM::ModelDriverCreate::ConvertUnit(
          KIM::LENGTH_UNIT::A, KIM::ENERGY_UNIT::eV, KIM::CHARGE_UNIT::e,
          KIM::TEMPERATURE_UNIT::K, KIM::TIME_UNIT::ps, length, energy,
          KIM::CHARGE_UNIT::e, KIM::TEMPERATURE_UNIT::K, KIM::TIME_UNIT::ps,
          0, 1, 0, 0, 0, &energyScale))
    return Fail(create, "cannot convert angstrom and eV to the requested units");
  if (create->SetUnits(length, energy, KIM::CHARGE_UNIT::unused,
                       KIM::TEMPERATURE_UNIT::unused, KIM::TIME_UNIT::unused))
    return Fail(create, "cannot set the units");
  create->SetModelNumbering(KIM::NUMBERING::zeroBased);

  std::string const * directory = nullptr;
  create->GetParameterFileDirectoryName(&directory);
  char message[messageCapacity] = "";
  Buffer * buffer = new Buffer;
  buffer->model = basin_kim_create(directory->c_str(), lengthScale, energyScale,
                                   message, messageCapacity);
  if (buffer->model == nullptr)
  {
    delete buffer;
    return Fail(create, message);
  }
  buffer->cutoff = basin_kim_cutoff(buffer->model);
  int const speciesCount = basin_kim_species_count(buffer->model);
  for (int code = 0; code < speciesCount; ++code)
  {
    char symbol[8] = "";
    basin_kim_species_symbol(buffer->model, code, symbol, sizeof symbol);
    if (create->SetSpeciesCode(KIM::SpeciesName(symbol), code))
    {
      basin_kim_destroy(buffer->model);
      delete buffer;
      return Fail(create, std::string("KIM does not know the species ") + symbol);
    }
  }
  create->SetModelBufferPointer(buffer);
  create->SetInfluenceDistancePointer(&buffer->cutoff);
  create->SetNeighborListPointers(1, &buffer->cutoff,
                                  &buffer->willNotRequestNoncontributingNeighbors);
  KIM::LanguageName const cpp = KIM::LANGUAGE_NAME::cpp;
  if (create->SetRoutinePointer(KIM::MODEL_ROUTINE_NAME::ComputeArgumentsCreate, cpp, true,
                                reinterpret_cast<KIM::Function *>(ComputeArgumentsCreate))
      || create->SetRoutinePointer(KIM::MODEL_ROUTINE_NAME::Compute, cpp, true,
                                   reinterpret_cast<KIM::Function *>(Compute))
      || create->SetRoutinePointer(KIM::MODEL_ROUTINE_NAME::ComputeArgumentsDestroy, cpp, true,
                                   reinterpret_cast<KIM::Function *>(ComputeArgumentsDestroy))
      || create->SetRoutinePointer(KIM::MODEL_ROUTINE_NAME::Destroy, cpp, true,
                                   reinterpret_cast<KIM::Function *>(Destroy)))
  {
    basin_kim_destroy(buffer->model);
    delete buffer;
    return Fail(create, "cannot register the model routines");
  }
  return false;
}
