// A minimal SSE reader for benchmarks: calls onEvent(type, data, receivedAtMs) for each
// event block of a text/event-stream response.
export async function openStream(url: string, cookie: string, onEvent: (type: string, data: string, at: number) => void): Promise<() => void> {
  const ac = new AbortController();
  const res = await fetch(url, { headers: { cookie, accept: 'text/event-stream' }, signal: ac.signal });
  if (res.status !== 200) throw new Error(`stream ${res.status}`);
  void (async () => {
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    let buf = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const at = Date.now();
        buf += dec.decode(value, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          let type = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) type = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (data) onEvent(type, data, at);
        }
      }
    } catch {
      // closed
    }
  })();
  return () => ac.abort();
}
