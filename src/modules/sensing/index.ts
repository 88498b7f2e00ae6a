// The sensing module: the only entry other modules, flows and the demo may use.
export { sensingModule } from './module.js';
export { SENSING_SERVICE, type SensingRuntime } from './service.js';
export { devices, zones, scenes, alarms, deadLetters, episodes, sceneStates } from './schema.js';
export { linkEpisodeToCase, recordCaseClosed } from './commands/caseLink.js';
export { DEVICE_KINDS, SCENE_KINDS, GRADES, dedupKeyOf, type SceneDef, type SceneKind, type DeviceKind, type ScheduleWindow } from './domain/types.js';
export { signBody } from './domain/signature.js';
export type { SceneEventPayload } from './events.js';
