import "server-only";
// Prisma's schema engine compiled to WebAssembly, driven through our driver adapters.
// The package's ESM entry imports the .wasm file directly, which Node rejects, so we load
// and instantiate it by hand once per process.
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { DatabaseTarget } from "../database-url";
import { sqliteAdapterFactory } from "../adapters";
import { pgMigrationAdapterFactory } from "./pg-migration-adapter";

export type SchemaEngine = bg.SchemaEngine;

let initialized: Promise<void> | undefined;

function initWasm(): Promise<void> {
  initialized ??= (async () => {
    const require = createRequire(import.meta.url);
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(bgPath), "schema_engine_bg.wasm");
    const module = await WebAssembly.compile(readFileSync(wasmPath));
    const instance = await WebAssembly.instantiate(module, {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return initialized;
}

export type OpenEngine = {
  engine: SchemaEngine;
  /** Frees the engine and closes its connections (it takes an exclusive lock on SQLite). */
  close: () => Promise<void>;
};

type Disposable = { dispose: () => Promise<void> | void };

export async function openSchemaEngine(
  target: DatabaseTarget,
  datamodel: { path: string; content: string },
  log: (message: string) => void = () => {},
): Promise<OpenEngine> {
  await initWasm();
  const base = target.kind === "sqlite" ? sqliteAdapterFactory(target) : pgMigrationAdapterFactory(target);
  const opened: Disposable[] = [];
  const track = <T extends Disposable>(adapter: T): T => {
    opened.push(adapter);
    return adapter;
  };
  const factory = {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => track(await base.connect()),
    connectToShadowDb: async () => track(await base.connectToShadowDb()),
  };
  const engine = await bg.SchemaEngine.new(
    { datamodels: [[datamodel.path, datamodel.content]] },
    log,
    bindMigrationAwareSqlAdapterFactory(factory as never),
  );
  return {
    engine,
    close: async () => {
      engine.free();
      for (const adapter of opened.splice(0)) {
        try {
          await adapter.dispose();
        } catch {
          // already closed by the engine
        }
      }
    },
  };
}
