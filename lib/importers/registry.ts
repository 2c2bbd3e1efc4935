import { agentsOrchestratorImporter } from "./agents-orchestrator/agents-orchestrator-importer";
import { bazingaImporter } from "./bazinga/bazinga-importer";
import { beadsImporter } from "./beads/beads-importer";
import { studioImporter } from "./studio/studio-importer";
import { tacImporter } from "./tac/tac-importer";
import type { Importer, SystemName } from "./types";

export const IMPORTERS: Partial<Record<SystemName, Importer>> = {
  bazinga: bazingaImporter,
  tac: tacImporter,
  studio: studioImporter,
  "agents-orchestrator": agentsOrchestratorImporter,
  beads: beadsImporter,
};
