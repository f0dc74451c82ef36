// Reading tshark's reference output: the corpus TSVs (../shared/corpus/public/expected) and
// live `tshark -T fields` runs on captures the tests make themselves.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const corpusDir = join(repoRoot, '..', 'shared', 'corpus', 'public');

export type Row = Record<string, string>;

export function parseTsv(text: string): Row[] {
  const lines = text.split('\n').filter((l) => l.length > 0);
  if (lines.length === 0) return [];
  const header = lines[0]!.split('\t');
  return lines.slice(1).map((line) => {
    const cells = line.split('\t');
    const row: Row = {};
    header.forEach((h, i) => (row[h] = cells[i] ?? ''));
    return row;
  });
}

/** Capture files of the shared corpus (not the expected/ folder, docs or checksums). */
export function corpusFiles(): string[] {
  if (!existsSync(corpusDir)) return [];
  return readdirSync(corpusDir)
    .filter((f) => /\.(pcap|pcapng)$/.test(f))
    .sort();
}

/** tshark's reference rows for a corpus file, pcapng custom-block pseudo-frames removed. */
export function expectedRows(file: string): Row[] {
  const rows = parseTsv(readFileSync(join(corpusDir, 'expected', `${file}.tsv`), 'utf8'));
  return rows.filter((r) => r['_ws.col.Protocol'] !== 'PCAPNG');
}

export function tsharkAvailable(): boolean {
  return spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Runs tshark with fixed preferences (as the corpus script does) and returns field rows. */
export function tsharkFields(file: string, fields: string[], displayFilter?: string): Row[] {
  const args = [
    '-n',
    '-r',
    file,
    '-o',
    'tcp.desegment_tcp_streams:TRUE',
    '-o',
    'tcp.reassemble_out_of_order:FALSE',
    '-o',
    'tcp.analyze_sequence_numbers:TRUE',
    '-o',
    'tcp.relative_sequence_numbers:TRUE',
    '-o',
    'websocket.decompress:TRUE',
    '-T',
    'fields',
    '-E',
    'header=y',
    '-E',
    'separator=/t',
    '-E',
    'occurrence=a',
    '-E',
    'aggregator=,',
    '-E',
    'quote=n',
  ];
  if (displayFilter) args.push('-Y', displayFilter);
  for (const f of fields) args.push('-e', f);
  const r = spawnSync('tshark', args, {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, WIRESHARK_CONFIG_DIR: '/nonexistent-wirestep' },
  });
  if (r.status !== 0) throw new Error(`tshark failed: ${r.stderr}`);
  return parseTsv(r.stdout);
}
