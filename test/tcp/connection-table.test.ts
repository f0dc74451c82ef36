import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectionTable } from '../../core/tcp/connection-table.ts';
import type { TupleEntry } from '../../core/tcp/connection-table.ts';

interface Entry extends TupleEntry {
  name: string;
}

const entry = (name: string, addrA: string, portA: number, addrB: string, portB: number): Entry => ({
  name,
  addrA,
  portA,
  addrB,
  portB,
  nextInBucket: null,
});

function tables(): Array<[string, ConnectionTable<Entry>]> {
  const forced = new ConnectionTable<Entry>();
  // Every tuple in one bucket: exercises the chain (lookup, replacement in the middle).
  (forced as unknown as { hash: () => number }).hash = () => 7;
  return [
    ['hashed', new ConnectionTable<Entry>()],
    ['one bucket', forced],
  ];
}

for (const [label, table] of tables()) {
  test(`connection table (${label}): lookup in both directions, distinct tuples, replacement`, () => {
    const a = entry('a', '10.0.0.1', 40000, '10.0.0.2', 80);
    const b = entry('b', '10.0.0.1', 40001, '10.0.0.2', 80);
    const c = entry('c', '::1', 40000, '::1', 80);
    const d = entry('d', '10.0.0.2', 40000, '10.0.0.1', 80); // a's addresses, ports swapped
    for (const e of [a, b, c, d]) table.add(e);
    assert.equal(table.get('10.0.0.1', 40000, '10.0.0.2', 80)?.name, 'a');
    assert.equal(table.get('10.0.0.2', 80, '10.0.0.1', 40000)?.name, 'a');
    assert.equal(table.get('10.0.0.2', 80, '10.0.0.1', 40001)?.name, 'b');
    assert.equal(table.get('::1', 80, '::1', 40000)?.name, 'c');
    assert.equal(table.get('10.0.0.1', 80, '10.0.0.2', 40000)?.name, 'd');
    assert.equal(table.get('10.0.0.1', 40002, '10.0.0.2', 80), undefined);
    assert.equal(table.get('10.0.0.3', 40000, '10.0.0.2', 80), undefined);

    // A new incarnation of b's tuple (seen from the other side) replaces b; the rest stay.
    const b2 = entry('b2', '10.0.0.2', 80, '10.0.0.1', 40001);
    table.add(b2);
    assert.equal(table.get('10.0.0.1', 40001, '10.0.0.2', 80)?.name, 'b2');
    assert.deepEqual(
      [a, c, d].map((e) => table.get(e.addrA, e.portA, e.addrB, e.portB)?.name),
      ['a', 'c', 'd'],
    );
  });
}

test('connection table: many tuples, ids in order', () => {
  const table = new ConnectionTable<Entry>();
  for (let i = 0; i < 5000; i++) {
    table.add(entry(`e${i}`, `10.0.${i >> 8}.${i & 255}`, 1024 + (i % 7), '192.168.1.1', 443));
  }
  for (let i = 0; i < 5000; i += 37) {
    assert.equal(table.get('192.168.1.1', 443, `10.0.${i >> 8}.${i & 255}`, 1024 + (i % 7))?.name, `e${i}`);
  }
  assert.deepEqual([table.nextId(), table.nextId()], [0, 1]);
});
