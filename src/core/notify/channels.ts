// Sending one message over one channel: a WeCom group robot, a DingTalk group robot
// (optionally signed: timestamp + HMAC-SHA256 of "timestamp\nsecret"), or a generic
// webhook signed with HMAC-SHA256 over "timestamp.body" in X-Jiedao-Signature.
import { createHmac } from 'node:crypto';
import type { DomainEvent } from '../bus/index.js';
import { markdown, render } from './render.js';

export const CHANNEL_KINDS = ['wecom', 'dingtalk', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export interface ChannelConfig {
  kind: ChannelKind;
  url: string;
  secret: string | null;
}

export interface SendResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

export interface Request {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The HTTP request for an event on a channel (pure but for the time given). */
export function buildRequest(ch: ChannelConfig, e: DomainEvent, deliveryId: number, now: Date): Request {
  const m = render(e);
  const ts = String(now.getTime());
  const json = { 'content-type': 'application/json; charset=utf-8' };
  switch (ch.kind) {
    case 'wecom':
      return { url: ch.url, headers: json, body: JSON.stringify({ msgtype: 'markdown', markdown: { content: markdown(m) } }) };
    case 'dingtalk': {
      let url = ch.url;
      if (ch.secret) {
        const sign = createHmac('sha256', ch.secret).update(`${ts}\n${ch.secret}`).digest('base64');
        url += `${url.includes('?') ? '&' : '?'}timestamp=${ts}&sign=${encodeURIComponent(sign)}`;
      }
      return { url, headers: json, body: JSON.stringify({ msgtype: 'markdown', markdown: { title: m.title, text: markdown(m) } }) };
    }
    case 'webhook': {
      const body = JSON.stringify({ id: e.id, type: e.type, tenantId: e.tenantId, subjectType: e.subjectType, subjectId: e.subjectId, payload: e.payload, createdAt: e.createdAt, message: m });
      const headers: Record<string, string> = { ...json, 'x-jiedao-event': e.type, 'x-jiedao-delivery': String(deliveryId), 'x-jiedao-timestamp': ts };
      if (ch.secret) headers['x-jiedao-signature'] = `sha256=${createHmac('sha256', ch.secret).update(`${ts}.${body}`).digest('hex')}`;
      return { url: ch.url, headers, body };
    }
  }
}

export const TIMEOUT_MS = 5000;

/** POST it; robots answer 200 with { errcode } — anything but errcode 0 is a failure. */
export async function send(ch: ChannelConfig, req: Request): Promise<SendResult> {
  try {
    const res = await fetch(req.url, { method: 'POST', headers: req.headers, body: req.body, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });
    const text = (await res.text()).slice(0, 2000);
    if (!res.ok) return { ok: false, status: res.status, error: `HTTP ${res.status} ${text.slice(0, 200)}` };
    if (ch.kind !== 'webhook') {
      let body: { errcode?: number; errmsg?: string } = {};
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        return { ok: false, status: res.status, error: `not a robot reply: ${text.slice(0, 200)}` };
      }
      if (body.errcode !== 0) return { ok: false, status: res.status, error: `errcode ${body.errcode}: ${body.errmsg ?? ''}` };
    }
    return { ok: true, status: res.status, error: null };
  } catch (err) {
    return { ok: false, status: null, error: (err as Error).name === 'TimeoutError' ? `timeout after ${TIMEOUT_MS} ms` : String((err as Error).message ?? err) };
  }
}
