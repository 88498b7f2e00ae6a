// Today's date in Asia/Shanghai (YYYY-MM-DD), whatever the device's time zone.
export function localToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
