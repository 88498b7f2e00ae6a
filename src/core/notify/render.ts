// What a notification says. Modules register a renderer for their event types (by
// prefix); anything else gets a plain line. Text is Simplified Chinese markdown.
import type { DomainEvent } from '../bus/index.js';

export interface Message {
  title: string;
  /** markdown lines */
  lines: string[];
}

type Renderer = (e: DomainEvent) => Message | null;
const renderers: [string, Renderer][] = [];

/** Register a renderer for event types starting with `prefix` (e.g. "case."). */
export function registerNotifyRenderer(prefix: string, fn: Renderer): void {
  renderers.push([prefix, fn]);
  renderers.sort((a, b) => b[0].length - a[0].length);
}

export function render(e: DomainEvent): Message {
  for (const [prefix, fn] of renderers) {
    if (!e.type.startsWith(prefix)) continue;
    const m = fn(e);
    if (m) return m;
  }
  return { title: `事件 ${e.type}`, lines: [`对象：${e.subjectType} ${e.subjectId}`, `时间：${shanghai(e.createdAt)}`] };
}

/** "2026-10-09 17:30" in Asia/Shanghai. */
export const shanghai = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export function markdown(m: Message): string {
  return [`**${m.title}**`, ...m.lines.map((l) => `> ${l}`)].join('\n');
}
