export { WorkingCalendar, DEFAULT_OFFICE_HOURS, parseOfficeHours, statutoryHolidays, localDate, dayStart, type CalendarSource, type Period } from './workingCalendar.js';
export { officialCalendar, mergeCalendars } from './officialData.js';
export { CalendarService, CALENDAR_SERVICE } from './service.js';
export { calendarModule } from './module.js';
export { calendarYears } from './schema.js';
