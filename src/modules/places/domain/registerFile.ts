// Reading an uploaded register file into text: Excel in China saves "CSV" as GB18030
// (GBK) unless told "CSV UTF-8", which adds a byte-order mark; "Unicode text" is UTF-16
// with tabs. The bytes decide, never the declared type. Pure: no I/O.
import iconv from 'iconv-lite';

export type RegisterEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

export type Decoded = { ok: true; text: string; encoding: RegisterEncoding } | { ok: false; code: 'register.empty' | 'register.spreadsheet' | 'register.not_text' };

const startsWith = (buf: Buffer, bytes: number[]) => buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);

export function decodeRegisterFile(buf: Buffer): Decoded {
  if (buf.length === 0) return { ok: false, code: 'register.empty' };
  // .xlsx (zip) and .xls (OLE compound file): ask for "save as CSV" rather than garbage rows
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04]) || startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0])) return { ok: false, code: 'register.spreadsheet' };
  let text: string;
  let encoding: RegisterEncoding;
  if (startsWith(buf, [0xef, 0xbb, 0xbf])) {
    encoding = 'utf-8-bom';
    text = buf.subarray(3).toString('utf8');
  } else if (startsWith(buf, [0xff, 0xfe])) {
    encoding = 'utf-16le';
    text = iconv.decode(buf.subarray(2), 'utf-16le');
  } else if (startsWith(buf, [0xfe, 0xff])) {
    encoding = 'utf-16be';
    text = iconv.decode(buf.subarray(2), 'utf-16be');
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
      encoding = 'utf-8';
    } catch {
      // not valid UTF-8: every byte sequence decodes as GB18030, so binary is caught below
      text = iconv.decode(buf, 'gb18030');
      encoding = 'gb18030';
      if (text.includes('\ufffd')) return { ok: false, code: 'register.not_text' };
    }
  }
  // NUL and other C0 controls besides tab and line ends do not occur in a text table
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) return { ok: false, code: 'register.not_text' };
  if (text.trim() === '') return { ok: false, code: 'register.empty' };
  return { ok: true, text, encoding };
}
