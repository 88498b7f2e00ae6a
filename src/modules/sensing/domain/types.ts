// The words of sensing, shared by the pure logic and the I/O around it.

export const DEVICE_KINDS = ['camera', 'nvr', 'charging', 'smoke', 'manhole', 'water_meter', 'door_sensor', 'generic'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** Messages per second a device may send before it is throttled, by kind. */
export const DEFAULT_RATE_LIMIT: Record<DeviceKind, number> = {
  nvr: 500,
  camera: 50,
  charging: 20,
  smoke: 20,
  manhole: 20,
  water_meter: 20,
  door_sensor: 20,
  generic: 50,
};

/** Silence (seconds) after which a device is offline, by kind; null = never by silence
 * (a Frigate server says so itself through its last will; cameras follow their server). */
export const DEFAULT_OFFLINE_AFTER_S: Record<DeviceKind, number | null> = {
  nvr: null,
  camera: null,
  charging: 900,
  smoke: 3600,
  manhole: 3600,
  water_meter: 3600,
  door_sensor: 3600,
  generic: 900,
};

export const SCENE_KINDS = ['zone_occupancy', 'presence', 'device_alarm', 'inactivity', 'device_offline'] as const;
export type SceneKind = (typeof SCENE_KINDS)[number];
export const GRADES = ['urgent', 'important', 'normal'] as const;
export type Grade = (typeof GRADES)[number];

export interface ScheduleWindow {
  /** all days, working days or rest days on the tenant's working calendar */
  days: 'all' | 'working' | 'rest';
  /** local time (Asia/Shanghai) 'HH:MM'; to < from spans midnight */
  from: string;
  to: string;
}

export interface ZoneOccupancyParams {
  zoneIds: number[];
  labels: string[];
  /** fire when the count is at least fireAt for fireAfterS seconds */
  fireAt: number;
  fireAfterS: number;
  /** clear when the count is below clearBelow for clearAfterS seconds */
  clearBelow: number;
  clearAfterS: number;
}

export interface PresenceParams {
  zoneIds: number[];
  labels: string[];
  /** an object must stay this long */
  minDwellS: number;
  clearAfterS: number;
}

export interface DeviceAlarmParams {
  deviceKinds: string[];
  alarmTypes: string[];
  /** without a further alarm (or a "cleared" one) the scene clears after this long */
  holdS: number;
}

export interface InactivityParams {
  deviceKinds: string[];
  hours: number;
}

export interface DeviceOfflineParams {
  deviceKinds: string[];
}

export type SceneParams = ZoneOccupancyParams | PresenceParams | DeviceAlarmParams | InactivityParams | DeviceOfflineParams;

export interface SceneDef {
  id: number;
  tenantId: string;
  code: string;
  name: string;
  kind: SceneKind;
  params: SceneParams;
  schedule: ScheduleWindow[];
  categoryCode: string;
  grade: Grade;
  autoRegister: boolean;
  departmentId: number | null;
  cooldownS: number;
  enabled: boolean;
}

/** What a zone occupancy or presence scene watches; what a device scene applies to. */
export const subjectKey = (type: 'zone' | 'device' | 'unit', id: number) => `${type}:${id}`;
export const dedupKeyOf = (sceneId: number, subject: string) => `sensing:scene:${sceneId}:${subject}`;
