// Propositions written for this project: technology and applied sciences, health and fitness.
#include "data/lexicon_tables.h"

namespace redit::data::lexicon_tables {

std::vector<DomainTable> technologyHealth() {
    return {
        {"technology and applied sciences",
         {"the server went offline", "the software update installed", "the robot picked up the box",
          "the engineers tested the bridge", "the battery charged fully", "the drone landed safely",
          "the code compiled without warnings", "the network slowed down", "the engine overheated", "the printer jammed",
          "the satellite reached orbit", "the app crashed on startup", "the sensor detected smoke",
          "the website loaded quickly", "the circuit board burned out", "the database was backed up",
          "the brakes of the car failed", "the solar panel produced power", "the firmware was patched",
          "the pump moved the water", "the algorithm was optimized", "the password was reset", "the wind turbine spun",
          "the router restarted", "the dam generated electricity", "the machine was calibrated",
          "the elevator stopped between floors", "the laser cutter finished the part", "the phone lost signal",
          "the factory automated the line", "the antenna was realigned", "the cooling fan broke",
          "the train signal turned green", "the keyboard stopped responding", "the camera focused automatically",
          "the hard drive filled up", "the bridge sensors reported strain", "the prototype passed inspection",
          "the welding seam cracked", "the backup generator started", "the chip ran at full speed",
          "the compiler reported an error"}},
        {"health and fitness",
         {"Anna ran five kilometers", "the patient took his medicine", "Leo drank enough water",
          "the swimmer trained every morning", "Maria slept eight hours", "the doctor ordered a blood test",
          "Jack skipped breakfast", "the nurse checked the blood pressure", "Kim stretched before exercising",
          "the athlete sprained an ankle", "Paul lifted weights at the gym", "the clinic offered free vaccines",
          "Sara ate a balanced lunch", "the coach planned a rest day", "Ben caught a cold", "the fever went down",
          "Nina practiced yoga", "the cyclist wore a helmet", "the wound healed quickly", "Omar quit smoking",
          "the team warmed up properly", "Lisa walked ten thousand steps", "the dentist filled a cavity",
          "the runner drank an electrolyte drink", "Eva meditated for ten minutes", "the trainer corrected his posture",
          "the child got a flu shot", "Raj lost some weight", "the hospital discharged the patient",
          "the heart rate stayed low", "the climber felt dizzy", "Tina ate too much sugar",
          "the therapist prescribed exercises", "the boxer skipped rope", "the gym extended its hours",
          "Ali had a sore throat", "the marathon runner finished the race", "the vitamin levels improved",
          "Jon did push-ups every day", "the physiotherapist massaged the shoulder", "the diet lowered his cholesterol",
          "Mila went hiking on the weekend"}},
    };
}

}  // namespace redit::data::lexicon_tables
