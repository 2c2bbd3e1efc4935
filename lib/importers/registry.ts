import { bazingaImporter } from "./bazinga/bazinga-importer";
import type { Importer, SystemName } from "./types";

export const IMPORTERS: Partial<Record<SystemName, Importer>> = {
  bazinga: bazingaImporter,
};
