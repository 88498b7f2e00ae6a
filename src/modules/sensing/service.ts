// What the sensing module shares between its parts at run time.
import type { SensingRegistry } from './ingest/registry.js';
import type { KeyRing } from './ingest/keys.js';
import type { Ingestor } from './ingest/pipeline.js';
import type { SceneDeps } from './ingest/sceneWriter.js';
import type { ExternalIngest } from './ingest/external.js';

export const SENSING_SERVICE = 'sensing';

export interface SensingRuntime {
  registry: SensingRegistry;
  keys: KeyRing;
  ingestor: Ingestor;
  deps: SceneDeps & { ensureCalendars(tenantIds: string[]): Promise<void> };
  /** the sessions on an external broker (MQTT_URL), when used */
  external?: ExternalIngest;
}
