import type { Module } from '../context.js';
import { registerMessages } from '../http/i18n.js';
import { CALENDAR_SERVICE, CalendarService } from './service.js';
import { calendarRoutes } from './routes.js';

registerMessages({
  zh: {
    'calendar.bad_date': '日期 {date} 无效或不属于 {year} 年',
    'calendar.bad_name': '名称须为 1 至 40 个字符',
    'calendar.both': '{date} 不能同时是假日和调休工作日',
    'calendar.no_holidays': '至少需要一个假日',
    'calendar.range': '期间须在 0 至 400 天之间，且结束不早于开始',
  },
  en: {
    'calendar.bad_date': 'Date {date} is invalid or not in {year}',
    'calendar.bad_name': 'The name must be 1 to 40 characters',
    'calendar.both': '{date} cannot be both a holiday and a make-up working day',
    'calendar.no_holidays': 'At least one holiday is needed',
    'calendar.range': 'The period must span 0 to 400 days and end after it starts',
  },
});

export const calendarModule: Module = {
  name: 'calendar',
  async start(ctx) {
    const service = new CalendarService(ctx.database);
    service.attach(ctx.bus);
    ctx.services.set(CALENDAR_SERVICE, service);
  },
  routes: calendarRoutes,
};
