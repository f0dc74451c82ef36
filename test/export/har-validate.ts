// HAR 1.2 required fields (softwareishard.com HAR 1.2 spec), checked field by field so a missing
// or mistyped one names itself.
import assert from 'node:assert/strict';

function has(
  o: Record<string, unknown>,
  key: string,
  type: 'string' | 'number' | 'object' | 'array' | 'boolean',
  where: string,
): void {
  const v = o[key];
  if (type === 'array') assert.ok(Array.isArray(v), `${where}.${key} must be an array`);
  else if (type === 'object')
    assert.ok(v !== null && typeof v === 'object' && !Array.isArray(v), `${where}.${key} must be an object`);
  else assert.equal(typeof v, type, `${where}.${key} must be a ${type}`);
}

type O = Record<string, unknown>;

export function validateHar12(har: unknown): void {
  assert.ok(har && typeof har === 'object');
  const log = (har as O).log as O;
  has(har as O, 'log', 'object', 'har');
  assert.equal(log.version, '1.2');
  has(log, 'creator', 'object', 'log');
  has(log.creator as O, 'name', 'string', 'log.creator');
  has(log.creator as O, 'version', 'string', 'log.creator');
  has(log, 'entries', 'array', 'log');
  (log.entries as O[]).forEach((e, i) => {
    const w = `entries[${i}]`;
    has(e, 'startedDateTime', 'string', w);
    assert.match(
      e.startedDateTime as string,
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/,
      `${w}.startedDateTime ISO 8601`,
    );
    has(e, 'time', 'number', w);
    assert.ok((e.time as number) >= 0);
    has(e, 'request', 'object', w);
    has(e, 'response', 'object', w);
    has(e, 'cache', 'object', w);
    has(e, 'timings', 'object', w);
    const rq = e.request as O;
    for (const k of ['method', 'url', 'httpVersion']) has(rq, k, 'string', `${w}.request`);
    for (const k of ['cookies', 'headers', 'queryString']) has(rq, k, 'array', `${w}.request`);
    for (const k of ['headersSize', 'bodySize']) has(rq, k, 'number', `${w}.request`);
    new URL(rq.url as string);
    if (rq.postData !== undefined) {
      has(rq.postData as O, 'mimeType', 'string', `${w}.request.postData`);
      has(rq.postData as O, 'text', 'string', `${w}.request.postData`);
    }
    const rs = e.response as O;
    has(rs, 'status', 'number', `${w}.response`);
    for (const k of ['statusText', 'httpVersion', 'redirectURL']) has(rs, k, 'string', `${w}.response`);
    for (const k of ['cookies', 'headers']) has(rs, k, 'array', `${w}.response`);
    for (const k of ['headersSize', 'bodySize']) has(rs, k, 'number', `${w}.response`);
    has(rs, 'content', 'object', `${w}.response`);
    has(rs.content as O, 'size', 'number', `${w}.response.content`);
    has(rs.content as O, 'mimeType', 'string', `${w}.response.content`);
    for (const list of [rq.headers, rq.queryString, rq.cookies, rs.headers, rs.cookies] as O[][])
      for (const h of list) {
        has(h, 'name', 'string', `${w} name/value`);
        has(h, 'value', 'string', `${w} name/value`);
      }
    const t = e.timings as O;
    for (const k of ['send', 'wait', 'receive']) {
      has(t, k, 'number', `${w}.timings`);
      assert.ok((t[k] as number) >= 0, `${w}.timings.${k} >= 0`);
    }
    for (const k of ['blocked', 'dns', 'connect', 'ssl'])
      if (t[k] !== undefined) assert.ok((t[k] as number) >= -1);
  });
}
