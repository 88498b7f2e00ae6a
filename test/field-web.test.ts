// Pure helpers of the field phone pages: time left reads as a person would say it. (The
// map-app links are checked in test/e2e/field.browser.test.ts.)
import { describe, expect, it } from 'vitest';
import { timeLeft } from '../web/src/modules/field/time.js';
import messages from '../web/src/modules/field/messages.js';

describe('time left', () => {
  const dict = messages.zh.field.time as Record<string, string>;
  const t = (key: string, p: Record<string, unknown> = {}) => dict[key.split('.').pop()!]!.replace(/\{(\w+)\}/g, (_m, k: string) => String(p[k]));
  it('says office time or clock time, and overdue', () => {
    expect(timeLeft((2 * 60 + 15) * 60_000, false, t)).toBe('剩余 2 小时 15 分钟（工作时间）');
    expect(timeLeft(30 * 60_000, true, t)).toBe('剩余 30 分钟');
    expect(timeLeft(-(26 * 60) * 60_000, true, t)).toBe('已超时 1 天 2 小时');
  });
});
