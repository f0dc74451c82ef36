// HTTP/1.x fields of the messages this frame carries part of (RFC 9112 §3 request-line, §4
// status-line, §5 field lines, §6 body, §7.1 chunked coding). The message structure comes from the
// HTTP dissector (core/dissect/http1) as stream spans; here they become frame spans. Text is
// Latin-1 (one code unit per byte, as the dissector decoded it), so string lengths are byte counts.

import type {
  HttpExchange,
  HttpHeader,
  HttpMessage,
  HttpRequest,
  HttpResponse,
} from '../dissect/http1/types.ts';
import { Fields, add } from './field-builder.ts';
import type { StreamWindow } from './stream-span.ts';
import { asciiPreview, escapeWire } from './text.ts';
import type { FieldNode } from './types.ts';

export function httpFields(
  exchanges: HttpExchange[],
  direction: 0 | 1,
  data: Uint8Array,
  w: StreamWindow,
  f: Fields,
): FieldNode[] {
  const out: FieldNode[] = [];
  for (const x of exchanges) {
    const messages: Array<[HttpMessage, string]> = [];
    if (direction === 0 && x.request) messages.push([x.request, 'request']);
    if (direction === 1) {
      x.interim.forEach((m, i) => messages.push([m, `interim#${i}`]));
      if (x.response) messages.push([x.response, 'response']);
    }
    for (const [m, role] of messages) {
      if (!w.overlaps(m.span.start, m.span.end)) continue;
      const node = messageFields(m, `http#${x.index}.${role}`, data, w, f);
      if (node) out.push(node);
    }
  }
  return out;
}

function span(
  w: StreamWindow,
  f: Fields,
  key: string,
  label: string,
  start: number,
  end: number,
  value?: string | number,
): FieldNode | null {
  const s = w.toFrame(start, end);
  if (!s) return null;
  const node = f.field(key, label, s.start, s.end, value);
  if (node && !w.contains(start, end)) node.label += ' [continues in other frames]';
  return node;
}

function messageFields(
  m: HttpMessage,
  key: string,
  data: Uint8Array,
  w: StreamWindow,
  f: Fields,
): FieldNode | null {
  const isRequest = m.dir === 0;
  const req = m as HttpRequest;
  const res = m as HttpResponse;
  const title = isRequest
    ? `${escapeWire(req.method, 40)} ${escapeWire(req.target, 120)} ${escapeWire(m.version, 20)}`
    : `${escapeWire(m.version, 20)} ${res.status} ${escapeWire(res.reason, 80)}`;
  const s = w.toFrame(m.span.start, m.span.end);
  if (!s) return null;
  const node = f.layer(key, `Hypertext Transfer Protocol: ${title}`, s.start, s.end);
  if (!w.contains(m.span.start, m.span.end)) node.label += ' [part]';

  const sl = m.startLine;
  const base = key.slice(0, key.indexOf('.'));
  const line = span(w, f, `${key}.line`, title, sl.start, sl.end, title);
  if (line) {
    if (isRequest) {
      const t0 = sl.start + req.method.length + 1;
      const v0 = t0 + req.target.length + 1;
      add(
        line,
        span(
          w,
          f,
          `${base}.request.method`,
          `Request Method: ${escapeWire(req.method, 40)}`,
          sl.start,
          sl.start + req.method.length,
          req.method,
        ),
        span(
          w,
          f,
          `${base}.request.uri`,
          `Request URI: ${escapeWire(req.target)}`,
          t0,
          t0 + req.target.length,
          req.target,
        ),
        span(
          w,
          f,
          `${base}.request.version`,
          `Request Version: ${escapeWire(m.version, 20)}`,
          v0,
          v0 + m.version.length,
          m.version,
        ),
      );
    } else {
      const c0 = sl.start + m.version.length + 1;
      add(
        line,
        span(
          w,
          f,
          `${key}.version`,
          `Response Version: ${escapeWire(m.version, 20)}`,
          sl.start,
          sl.start + m.version.length,
          m.version,
        ),
        span(w, f, `${key}.code`, `Status Code: ${res.status}`, c0, c0 + 3, res.status),
        span(
          w,
          f,
          `${key}.phrase`,
          `Response Phrase: ${escapeWire(res.reason)}`,
          c0 + 4,
          c0 + 4 + res.reason.length,
          res.reason,
        ),
      );
    }
    add(node, line);
  }
  m.headers.forEach((h, i) => add(node, headerFields(h, `${key}.header#${i}`, w, f)));
  const headerEnd = m.span.start + m.headerBytes;
  const lastHeaderEnd = m.headers.length > 0 ? m.headers[m.headers.length - 1]!.end : sl.end;
  if (m.headersComplete && headerEnd > lastHeaderEnd)
    add(node, span(w, f, `${key}.end_of_headers`, 'End of headers (empty line)', lastHeaderEnd, headerEnd));
  if (m.body) {
    const framing = m.chunked ? 'chunked' : m.framing;
    const body = span(
      w,
      f,
      `${key}.body`,
      `Body: ${m.bodyWireBytes} bytes on the wire (${framing}${m.chunked ? `, ${m.bodyBytes} bytes of data` : ''})`,
      m.body.start,
      m.body.end,
      m.bodyWireBytes,
    );
    if (body) {
      m.chunks.forEach((c, i) => {
        add(
          body,
          span(
            w,
            f,
            `${key}.chunk#${i}.size`,
            `Chunk size: ${c.size}${c.extensions ? ` ${escapeWire(c.extensions, 60)}` : ''}`,
            c.sizeLine.start,
            c.sizeLine.end,
            c.size,
          ),
          span(w, f, `${key}.chunk#${i}.data`, `Chunk data (${c.size} bytes)`, c.data.start, c.data.end),
        );
      });
      // Content codings (gzip, ...) are not undone: the preview shows the bytes as sent.
      if (m.chunks.length === 0 && body.end > body.start)
        add(
          body,
          f.field(
            `${key}.body.preview`,
            `Data: ${asciiPreview(data, body.start, body.end, 80)}`,
            body.start,
            body.end,
          ),
        );
      add(node, body);
    }
  }
  m.trailers.forEach((h, i) => add(node, headerFields(h, `${key}.trailer#${i}`, w, f)));
  return node;
}

function headerFields(h: HttpHeader, key: string, w: StreamWindow, f: Fields): FieldNode | null {
  const text = `${escapeWire(h.name, 80)}: ${escapeWire(h.value)}`;
  const node = span(w, f, key, text, h.start, h.end, `${h.name}: ${h.value}`);
  if (!node) return null;
  add(
    node,
    span(w, f, `${key}.name`, `Name: ${escapeWire(h.name, 80)}`, h.start, h.start + h.name.length, h.name),
    span(w, f, `${key}.value`, `Value: ${escapeWire(h.value)}`, h.valueStart, h.valueEnd, h.value),
  );
  if (h.invalid) node.diagnostic = 'http1.header.invalid';
  return node;
}
