// People's livelihood: the only entry other modules and flows may use.
export { peopleModule } from './module.js';
/** Who a sensor watches (active consent only), the responsible committee and the emergency contacts. */
export { deviceWatch, type DeviceWatch } from './queries/deviceWatch.js';
/** Raise an alert on the committee worker's page inside the caller's transaction (e.g. linked to an urgent care case). */
export { raiseCareAlert, type AlertInput } from './commands/raiseCareAlert.js';
export { careScope } from './shared.js';
export { residents, elderly, elderlyContacts, sensorConsents, visitRules, careVisits, careAlerts, servicePoints, serviceOrders, activities, activityRegistrations, volunteers, volunteerTasks, volunteerSignups, volunteerHours } from './schema.js';
