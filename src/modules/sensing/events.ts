// The domain events sensing emits (payload shapes for subscribers such as the alarm →
// case flow and the live stream).
//
//   sensing.alarms          one per tenant and group commit: the alarms newly stored
//   sensing.scene.fired     a scene started an episode (a case should be opened, or the
//                           open case with the same dedupKey given this evidence)
//   sensing.scene.updated   new evidence while active (count, picture, time), ≤ 1 per 30 s
//   sensing.scene.cleared   the episode ended (condition gone, schedule window over, or the
//                           case closed → cool-down)
//   sensing.device.online / sensing.device.offline
//   sensing.registry.changed  devices, zones or scene rules changed (every node reloads)
export interface SceneEventPayload {
  episodeId: number;
  sceneId: number;
  sceneCode: string;
  sceneName: string;
  sceneKind: string;
  /** zone:<id>, device:<id> or unit:<id> */
  subject: string;
  subjectName: string;
  /** the same for every episode of one scene and subject: "the open case of this scene" */
  dedupKey: string;
  categoryCode: string;
  grade: 'urgent' | 'important' | 'normal';
  /** the case may be registered without on-site verification */
  autoRegister: boolean;
  departmentId: number | null;
  gridId: number | null;
  /** WGS-84 */
  location: { lng: number; lat: number } | null;
  address: string | null;
  device: { id: number; code: string; name: string; kind: string } | null;
  zone: { id: number; code: string; name: string } | null;
  unitId: number | null;
  evidence: Record<string, unknown>;
  firedAt: string;
  at: string;
  reason?: string;
}
