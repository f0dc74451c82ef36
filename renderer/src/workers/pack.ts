// Column packing for the worker → UI hand-over. A structured clone of the whole model (a row object
// per packet, a ladder row per TCP packet, every WebSocket frame and message) cost seconds on both
// threads, most of it making objects the UI never looks at. Instead the worker "shreds" plain data
// into typed-array columns (one per object field, recursively, Dremel/Arrow style) plus one joined
// string, all transferred rather than copied, and the UI materialises a value only when it is read
// (valueAt). Round trip is exact: key order, absent vs undefined, null, -0 and NaN survive; values
// that are not plain data (typed arrays, …) are carried as they are.

const Tag = {
  Absent: 0,
  Undef: 1,
  Null: 2,
  Num: 3,
  Str: 4,
  True: 5,
  False: 6,
  Arr: 7,
  Obj: 8,
  Other: 9,
} as const;
type Tag = (typeof Tag)[keyof typeof Tag];

/** One packed column: a value per index. */
export interface PackedCol {
  tags: Uint8Array;
  /** Per index: the number, string id, item start, shape id or `other` index (by tag). */
  data?: Float64Array;
  /** Arrays: element count per index; elements are in `items` from data[i]. */
  lens?: Uint32Array;
  items?: PackedCol;
  /** Objects: key lists by shape id (data[i]) and a column per key. */
  shapes?: string[][];
  fields?: Record<string, PackedCol>;
  other?: unknown[];
}

export interface Packed {
  /** Every string, concatenated; `ends[id]` is where string id ends. */
  text: string;
  ends: Uint32Array;
  root: PackedCol;
}

class StringTable {
  private readonly ids = new Map<string, number>();
  readonly list: string[] = [];
  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.list.length;
      this.ids.set(s, id);
      this.list.push(s);
    }
    return id;
  }
}

class ColBuilder {
  // Growable typed arrays (not number[]: millions of boxed pushes were most of the packing time).
  private tags = new Uint8Array(16);
  private n = 0;
  private data: Float64Array | null = null;
  private lens: Uint32Array | null = null;
  private items: ColBuilder | null = null;
  private shapes: string[][] | null = null;
  private shapeIds: Map<string, number> | null = null;
  private fields: Map<string, ColBuilder> | null = null;
  private other: unknown[] | null = null;
  private lastShape = -1;
  /** Per shape, the field columns in its key order (saves a map lookup per field). */
  private readonly shapeCols: ColBuilder[][] = [];
  constructor(private readonly strings: StringTable) {}

  get count(): number {
    return this.n;
  }

  /** Room for one more value (zero-filled, which is what absent and data-less values need). */
  private grow(): void {
    const cap = this.tags.length * 2;
    const tags = new Uint8Array(cap);
    tags.set(this.tags);
    this.tags = tags;
    if (this.data) {
      const d = new Float64Array(cap);
      d.set(this.data);
      this.data = d;
    }
    if (this.lens) {
      const l = new Uint32Array(cap);
      l.set(this.lens);
      this.lens = l;
    }
  }

  private setData(v: number): void {
    (this.data ??= new Float64Array(this.tags.length))[this.n] = v;
  }

  /** Pads with absent values up to n (keys an object did not have). */
  padTo(n: number): void {
    while (this.n < n) {
      if (this.n === this.tags.length) this.grow();
      this.n++;
    }
  }

  add(v: unknown): void {
    if (this.n === this.tags.length) this.grow();
    const i = this.n;
    let tag: Tag;
    switch (typeof v) {
      case 'number':
        this.setData(v);
        tag = Tag.Num;
        break;
      case 'string':
        this.setData(this.strings.id(v));
        tag = Tag.Str;
        break;
      case 'boolean':
        tag = v ? Tag.True : Tag.False;
        break;
      case 'undefined':
        tag = Tag.Undef;
        break;
      case 'object':
        if (v === null) {
          tag = Tag.Null;
        } else if (Array.isArray(v)) {
          const items = (this.items ??= new ColBuilder(this.strings));
          this.setData(items.count);
          (this.lens ??= new Uint32Array(this.tags.length))[i] = v.length;
          // Claim index i before the elements go in (an element may be this column's own kind).
          this.tags[i] = Tag.Arr;
          this.n++;
          for (const x of v) items.add(x);
          return;
        } else if (isPlain(v)) {
          const o = v as Record<string, unknown>;
          const shape = this.shapeOf(o);
          this.setData(shape);
          this.tags[i] = Tag.Obj;
          this.n++;
          const cols = this.shapeCols[shape]!;
          let j = 0;
          for (const k in o) {
            const f = cols[j++]!;
            f.padTo(i);
            f.add(o[k]);
          }
          return;
        } else {
          this.setData((this.other ??= []).length);
          this.other.push(v);
          tag = Tag.Other;
        }
        break;
      default:
        // Functions, symbols, bigints cannot be cloned either; carried as they are.
        this.setData((this.other ??= []).length);
        this.other.push(v);
        tag = Tag.Other;
    }
    this.tags[i] = tag;
    this.n++;
  }

  /** Shape id of an object's key list; the last shape is checked first (lists are uniform). */
  private shapeOf(o: Record<string, unknown>): number {
    const shapes = (this.shapes ??= []);
    const last = this.lastShape >= 0 ? shapes[this.lastShape]! : null;
    if (last) {
      let j = 0;
      let same = true;
      for (const k in o) {
        if (last[j] !== k) {
          same = false;
          break;
        }
        j++;
      }
      if (same && j === last.length) return this.lastShape;
    }
    const keys = Object.keys(o);
    const sig = keys.join('\u0000');
    const ids = (this.shapeIds ??= new Map());
    let id = ids.get(sig);
    if (id === undefined) {
      id = shapes.length;
      shapes.push(keys);
      ids.set(sig, id);
      const fields = (this.fields ??= new Map());
      this.shapeCols.push(
        keys.map((k) => {
          let f = fields.get(k);
          if (!f) fields.set(k, (f = new ColBuilder(this.strings)));
          return f;
        }),
      );
    }
    this.lastShape = id;
    return id;
  }

  finish(transfer: ArrayBuffer[]): PackedCol {
    const n = this.n;
    const col: PackedCol = { tags: this.tags.slice(0, n) };
    transfer.push(col.tags.buffer as ArrayBuffer);
    if (this.data) {
      col.data = this.data.slice(0, n);
      transfer.push(col.data.buffer as ArrayBuffer);
    }
    if (this.lens) {
      col.lens = this.lens.slice(0, n);
      transfer.push(col.lens.buffer as ArrayBuffer);
    }
    if (this.items) col.items = this.items.finish(transfer);
    if (this.shapes) col.shapes = this.shapes;
    if (this.fields) {
      col.fields = {};
      for (const [k, f] of this.fields) {
        f.padTo(n);
        col.fields[k] = f.finish(transfer);
      }
    }
    if (this.other) col.other = this.other;
    return col;
  }
}

function isPlain(v: object): boolean {
  const p = Object.getPrototypeOf(v) as unknown;
  return p === Object.prototype || p === null;
}

/**
 * Packs a list of values; `transfer` receives the buffers to transfer with the message. The
 * values are read, not kept: the packed form shares nothing with them (except `other` values).
 */
export function pack(values: readonly unknown[], transfer: ArrayBuffer[]): Packed {
  const strings = new StringTable();
  const root = new ColBuilder(strings);
  for (const v of values) root.add(v);
  const col = root.finish(transfer);
  const ends = new Uint32Array(strings.list.length);
  let at = 0;
  for (let i = 0; i < strings.list.length; i++) ends[i] = at += strings.list[i]!.length;
  transfer.push(ends.buffer);
  return { text: strings.list.join(''), ends, root: col };
}

/** The packed list's length. */
export function packedLength(p: Packed): number {
  return p.root.tags.length;
}

/** Materialises value `i` of a packed list (a new object each call). */
export function valueAt(p: Packed, i: number): unknown {
  return read(p, p.root, i);
}

function read(p: Packed, c: PackedCol, i: number): unknown {
  switch (c.tags[i]) {
    case Tag.Num:
      return c.data![i];
    case Tag.Str: {
      const id = c.data![i]!;
      return p.text.substring(id === 0 ? 0 : p.ends[id - 1]!, p.ends[id]!);
    }
    case Tag.True:
      return true;
    case Tag.False:
      return false;
    case Tag.Null:
      return null;
    case Tag.Arr: {
      const start = c.data![i]!;
      const n = c.lens![i]!;
      const out = new Array<unknown>(n);
      for (let j = 0; j < n; j++) out[j] = read(p, c.items!, start + j);
      return out;
    }
    case Tag.Obj: {
      const o: Record<string, unknown> = {};
      for (const k of c.shapes![c.data![i]!]!) o[k] = read(p, c.fields![k]!, i);
      return o;
    }
    case Tag.Other:
      return c.other![c.data![i]!];
    default:
      return undefined;
  }
}
