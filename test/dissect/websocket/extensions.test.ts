// RFC 7692 §7.1 negotiation, seen from the wire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { negotiateExtensions, parseExtensionHeader } from '../../../core/dissect/websocket/index.ts';

const ids = (r: ReturnType<typeof negotiateExtensions>) => r.diagnostics.map((d) => d.id);

test('parseExtensionHeader: offers, parameters, quoted values, case', () => {
  assert.deepEqual(
    parseExtensionHeader(
      'permessage-deflate; client_max_window_bits, Permessage-Deflate ; Server_Max_Window_Bits="10"; x=a,foo',
    ),
    [
      { name: 'permessage-deflate', params: [['client_max_window_bits', true]] },
      {
        name: 'permessage-deflate',
        params: [
          ['server_max_window_bits', '10'],
          ['x', 'a'],
        ],
      },
      { name: 'foo', params: [] },
    ],
  );
  assert.deepEqual(parseExtensionHeader(''), []);
  assert.deepEqual(parseExtensionHeader(' , ;;, "'), []);
});

test('no response header: nothing negotiated', () => {
  assert.deepEqual(negotiateExtensions('permessage-deflate', null), {
    permessageDeflate: null,
    others: [],
    diagnostics: [],
  });
  assert.deepEqual(negotiateExtensions(null, '  '), { permessageDeflate: null, others: [], diagnostics: [] });
});

test('plain permessage-deflate: context takeover both ways, 15-bit windows', () => {
  const r = negotiateExtensions('permessage-deflate; client_max_window_bits', 'permessage-deflate');
  assert.deepEqual(r.permessageDeflate, {
    serverNoContextTakeover: false,
    clientNoContextTakeover: false,
    serverMaxWindowBits: 15,
    clientMaxWindowBits: 15,
  });
  assert.deepEqual(ids(r), []);
});

test('all parameters in the response', () => {
  const r = negotiateExtensions(
    'permessage-deflate; client_max_window_bits; server_no_context_takeover',
    'permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10; client_max_window_bits=9',
  );
  assert.deepEqual(r.permessageDeflate, {
    serverNoContextTakeover: true,
    clientNoContextTakeover: true,
    serverMaxWindowBits: 10,
    clientMaxWindowBits: 9,
  });
  assert.deepEqual(ids(r), []);
});

test('ws.extension.invalid: bad window bits, duplicate and unknown parameters, value on a flag, twice accepted', () => {
  const offer = 'permessage-deflate; client_max_window_bits';
  for (const bad of [
    'permessage-deflate; server_max_window_bits=16',
    'permessage-deflate; server_max_window_bits=7',
    'permessage-deflate; server_max_window_bits',
    'permessage-deflate; client_max_window_bits',
    'permessage-deflate; server_no_context_takeover; server_no_context_takeover',
    'permessage-deflate; server_no_context_takeover=1',
    'permessage-deflate; mystery=1',
    'permessage-deflate, permessage-deflate',
  ]) {
    const r = negotiateExtensions(offer, bad);
    assert.deepEqual(ids(r), ['ws.extension.invalid'], bad);
    assert.notEqual(r.permessageDeflate, null, 'still treated as negotiated');
  }
  // client_max_window_bits with a value when the client did not offer it.
  assert.deepEqual(
    ids(negotiateExtensions('permessage-deflate', 'permessage-deflate; client_max_window_bits=10')),
    ['ws.extension.invalid'],
  );
});

test('ws.extension.not_offered; unknown extensions are listed', () => {
  const r = negotiateExtensions('x-webkit-deflate-frame', 'permessage-deflate');
  assert.deepEqual(ids(r), ['ws.extension.not_offered']);
  const o = negotiateExtensions('x-webkit-deflate-frame', 'x-webkit-deflate-frame; no_context_takeover');
  assert.deepEqual(ids(o), []);
  assert.deepEqual(o.others, ['x-webkit-deflate-frame']);
  assert.equal(o.permessageDeflate, null);
  // Without the request (not captured), nothing can be checked against the offer.
  assert.deepEqual(ids(negotiateExtensions(null, 'permessage-deflate; client_max_window_bits=10')), []);
});
