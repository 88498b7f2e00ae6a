// Position while on duty: the phone's GPS (navigator.geolocation.watchPosition) sent to
// POST /staff/me/position at most every 30 s, or sooner after moving 50 m, while the
// person has the toggle on (remembered on the device). Positions are not queued: an old
// position is of no use to dispatch.
import { reactive } from 'vue';
import { post } from '../../api';

const MIN_INTERVAL_MS = 30_000;
const MIN_MOVE_M = 50;
const KEY = 'jd.field.duty';

export const duty = reactive({
  on: typeof localStorage !== 'undefined' && localStorage.getItem(KEY) === '1',
  last: null as null | { lng: number; lat: number; at: string; onDuty: boolean; insideTenant: boolean },
  error: '' as '' | 'denied' | 'unavailable' | 'send',
});

let watch: number | null = null;
let sentAt = 0;
let sentPos: { lng: number; lat: number } | null = null;

const metres = (a: { lng: number; lat: number }, b: { lng: number; lat: number }) => {
  const k = 111_195;
  return Math.hypot((a.lng - b.lng) * k * Math.cos((a.lat * Math.PI) / 180), (a.lat - b.lat) * k);
};

async function report(p: GeolocationPosition) {
  const pos = { lng: p.coords.longitude, lat: p.coords.latitude };
  const now = Date.now();
  if (sentPos && now - sentAt < MIN_INTERVAL_MS && metres(pos, sentPos) < MIN_MOVE_M) return;
  if (!navigator.onLine) return;
  sentAt = now;
  sentPos = pos;
  try {
    const r = await post<{ at: string; onDuty: boolean; insideTenant: boolean }>('/api/v1/staff/me/position', { ...pos, accuracyM: Math.min(10_000, Math.round(p.coords.accuracy)) });
    duty.last = { ...pos, ...r };
    duty.error = '';
  } catch {
    duty.error = 'send';
  }
}

function start() {
  if (watch !== null || !('geolocation' in navigator)) return;
  watch = navigator.geolocation.watchPosition(
    (p) => void report(p),
    (e) => (duty.error = e.code === e.PERMISSION_DENIED ? 'denied' : 'unavailable'),
    { enableHighAccuracy: true, maximumAge: 15_000, timeout: 30_000 },
  );
}
function stop() {
  if (watch !== null) navigator.geolocation.clearWatch(watch);
  watch = null;
  sentPos = null;
}

export function setDuty(on: boolean): void {
  duty.on = on;
  localStorage.setItem(KEY, on ? '1' : '0');
  if (on) start();
  else stop();
}

/** Resume reporting after a reload if the toggle was on. */
export function resumeDuty(): void {
  if (duty.on) start();
}

/** One position now (for a patrol report), in WGS-84. */
export function currentPosition(): Promise<{ lng: number; lat: number }> {
  return new Promise((resolve, reject) => navigator.geolocation.getCurrentPosition((p) => resolve({ lng: p.coords.longitude, lat: p.coords.latitude }), reject, { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 }));
}
