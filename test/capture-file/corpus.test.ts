// Differential test against tshark 4.0.17 on the shared corpus (expected/<file>.tsv): every file is
// read, packet counts match tshark's frames (minus pcapng custom blocks, which tshark shows as
// frames and we do not), and per frame the lengths, the timestamp and the interface agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { epoch, read } from './helpers.ts';

const DIR = '/work/shared/corpus/public';
const files = readdirSync(DIR)
  .filter((f) => /\.pcap(ng)?$/.test(f))
  .sort();

interface Row {
  number: string;
  time: string;
  len: string;
  capLen: string;
  interfaceId: string;
  protocols: string;
  protocol: string;
}

function expectedRows(file: string): Row[] {
  const lines = readFileSync(join(DIR, 'expected', `${file}.tsv`), 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  if (lines.length === 0) return []; // tshark printed nothing (it refused the file)
  const header = lines[0]!.split('\t');
  const col = (name: string) => {
    const i = header.indexOf(name);
    assert.ok(i >= 0, `${file}.tsv has column ${name}`);
    return i;
  };
  const [cn, ct, cl, cc, ci, cp, cP] = [
    col('frame.number'),
    col('frame.time_epoch'),
    col('frame.len'),
    col('frame.cap_len'),
    col('frame.interface_id'),
    col('frame.protocols'),
    col('_ws.col.Protocol'),
  ];
  return lines.slice(1).map((l) => {
    const c = l.split('\t');
    return {
      number: c[cn]!,
      time: c[ct]!,
      len: c[cl]!,
      capLen: c[cc]!,
      interfaceId: c[ci]!,
      protocols: c[cp]!,
      protocol: c[cP]!,
    };
  });
}

function tsharkFrames(file: string): number {
  const index = readFileSync(join(DIR, 'expected', 'INDEX.tsv'), 'utf8').split('\n');
  const row = index.find((l) => l.startsWith(`${file}\t`));
  assert.ok(row, `INDEX.tsv lists ${file}`);
  return Number(row.split('\t')[2]);
}

const isCustomBlockRow = (r: Row) => r.protocols === 'data' && r.protocol === 'PCAPNG';

// tshark 4.0 prints the section-local interface index; we number interfaces across the file
// (DESIGN: one id space for the whole file). test202 has sections whose IDBs start at global 0, 2, 3.
const SECTION_LOCAL_IDS: Record<string, number[]> = {
  'fmt-pcapng-test202-mixed-endian-le.pcapng': [0, 0, 1, 2, 2, 2, 2, 4],
};
const GLOBAL_TO_LOCAL: Record<string, (id: number) => number> = {
  'fmt-pcapng-test202-mixed-endian-le.pcapng': (id) => (id < 2 ? id : id < 3 ? id - 2 : id - 3),
};

// tshark prints impossible times for invalid sub-second fields; we carry them (see pcap tests).
const ODD_TIME_ROWS: Record<string, Set<number>> = {
  'fmt-tcpdump-nanosecond-invalid.pcap': new Set([2, 3]),
};

for (const file of files) {
  test(`corpus ${file} agrees with tshark`, () => {
    const seen = read(new Uint8Array(readFileSync(join(DIR, file))));
    const rows = expectedRows(file).filter((r) => !isCustomBlockRow(r));
    const customRows = expectedRows(file).length - rows.length;
    assert.equal(
      seen.records.length,
      tsharkFrames(file) - customRows,
      'packet count = tshark frames - custom blocks',
    );
    assert.equal(seen.records.length, rows.length);
    assert.equal(seen.packets, rows.length);
    const globalIds = SECTION_LOCAL_IDS[file];
    if (globalIds) {
      assert.deepEqual(
        seen.records.map((r) => r.interfaceId),
        globalIds,
      );
    }
    seen.records.forEach((rec, i) => {
      const row = rows[i]!;
      const where = `${file} record ${i + 1} (tshark frame ${row.number})`;
      assert.equal(rec.frame, i + 1, where);
      assert.equal(String(rec.originalLength), row.len, `${where} frame.len`);
      assert.equal(String(rec.capturedLength), row.capLen, `${where} frame.cap_len`);
      if (row.time === '') assert.equal(rec.hasTimestamp, false, `${where} has no timestamp`);
      else if (!ODD_TIME_ROWS[file]?.has(i + 1))
        assert.equal(epoch(rec), row.time, `${where} frame.time_epoch`);
      const toLocal = GLOBAL_TO_LOCAL[file] ?? ((id: number) => id);
      assert.equal(
        String(toLocal(rec.interfaceId)),
        row.interfaceId === '' ? '0' : row.interfaceId,
        `${where} interface`,
      );
    });
  });
}

// The bad-* files: the expected error id and offset, and the packets before the damage.
const BAD: Record<string, { error: string | null; offset?: number; packets: number; warnings?: string[] }> = {
  'bad-libpcap-linktype-reserved-bits.pcap': {
    error: 'pcap.header.linktype_reserved',
    offset: 20,
    packets: 0,
  },
  // tshark: "cut short"; the length 21 is not a multiple of 4, which is the real fault.
  'bad-libpcap-pcapng-block-len-not-mult4.pcapng': {
    error: 'pcapng.block.length_invalid',
    offset: 28,
    packets: 0,
  },
  // tshark: "interface index 0 is not less than section interface count 0".
  'bad-libpcap-pcapng-packet-before-idb.pcapng': {
    error: 'pcapng.interface.unknown',
    offset: 28,
    packets: 0,
  },
  // tshark: "Not enough data to handle option of length 12336" (the SHB's first option, at 24).
  'bad-libpcap-pcapng-shb-option-too-long.pcapng': { error: 'pcapng.option.invalid', offset: 24, packets: 0 },
  'bad-libpcap-truncated-file-header.pcap': { error: 'capture.header.truncated', offset: 0, packets: 0 },
  // tshark: "File has 4325376-byte packet, bigger than maximum of 262144", after 6 frames.
  'bad-sv-corrupt-record-after-6-packets.pcap': { error: 'pcap.record.too_large', offset: 5035, packets: 6 },
  'bad-zeek-snaplen1-record.pcap': {
    error: null,
    packets: 1,
    warnings: ['pcap.record.caplen_exceeds_snaplen'],
  },
};

for (const [file, want] of Object.entries(BAD)) {
  test(`bad file ${file}: ${want.error ?? 'warning only'}`, () => {
    const seen = read(new Uint8Array(readFileSync(join(DIR, file))));
    assert.equal(seen.records.length, want.packets);
    if (want.error === null) {
      assert.equal(seen.error, null);
      assert.equal(seen.failed, null);
    } else {
      assert.equal(seen.error?.id, want.error);
      assert.equal(seen.error?.offset, want.offset);
      assert.equal(seen.errorCalls, 1);
      assert.deepEqual(seen.failed, seen.error);
    }
    if (want.warnings)
      assert.deepEqual(
        seen.warnings.map((w) => w.id),
        want.warnings,
      );
  });
}

test('bad-sv-corrupt-record-after-6-packets: error offset is just past the 6th record', () => {
  const seen = read(new Uint8Array(readFileSync(join(DIR, 'bad-sv-corrupt-record-after-6-packets.pcap'))));
  const last = seen.records[5]!;
  assert.equal(seen.error!.offset, last.fileOffset + 16 + last.capturedLength);
  assert.match(seen.error!.message, /4325376/);
});
