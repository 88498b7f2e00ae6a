// Shapes returned by the people API, as the pages use them.
export interface ListItem {
  id: number;
  name: string;
  gender: string;
  age: number;
  band: string | null;
  livesAlone: boolean;
  careLevel: number;
  areaName: string;
  buildingName: string;
  unitCode: string;
  lastVisitAt: string | null;
  nextVisitDue: string | null;
  dueState: 'overdue' | 'due' | 'planned' | 'none';
  hasSensor: boolean;
}
export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}
export interface Alert {
  id: number;
  kind: string;
  raisedAt: string;
  dueAt: string | null;
  caseRef: string | null;
  acknowledgedAt: string | null;
  elderly: { id: number; name: string; buildingName: string; unitCode: string; livesAlone: boolean };
}
export interface Activity {
  id: number;
  kind: string;
  format: string | null;
  series: string | null;
  title: string;
  description: string;
  audience: string;
  partner: string | null;
  venue: string;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
  status: string;
  confirmed: number;
  waitlisted: number;
  checkedIn: number;
  placesLeft: number | null;
  walk: { metres: number; minutes: number } | null;
  canRegister: boolean;
  canOrganise: boolean;
  mine: { id: number; status: string; position: number | null; checkinCode: string; checkedInAt: string | null } | null;
}
export interface Registration {
  id: number;
  name: string;
  status: string;
  registeredAt: string;
  confirmedAt: string | null;
  checkedInAt: string | null;
}
export interface ServicePoint {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  kind: string;
  address: string;
  lat: number;
  lng: number;
  phone: string | null;
  openHours: string | null;
  services: string[];
  illustrative: boolean;
  walk: { metres: number; minutes: number } | null;
}
export interface Order {
  id: number;
  elderlyId: number;
  name: string;
  kind: string;
  scheduledFor: string;
  status: string;
  allowed: string[];
  note: string | null;
}
