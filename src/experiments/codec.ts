/**
 * JSON that keeps what worker threads' structured clone keeps and plain JSON loses: NaN, ±Infinity, −0,
 * undefined properties and typed arrays. Jobs and results cross Redis as this text, so a run over Redis
 * returns exactly the values a local worker thread returns (metrics are often NaN, e.g. P&L of an absent family).
 */
const TAG = '$omega';
type Tagged = { [TAG]: string; v?: unknown };

function encodeValue(v: unknown): unknown {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return { [TAG]: 'NaN' };
    if (v === Infinity) return { [TAG]: 'Infinity' };
    if (v === -Infinity) return { [TAG]: '-Infinity' };
    if (Object.is(v, -0)) return { [TAG]: '-0' };
    return v;
  }
  if (v === undefined) return { [TAG]: 'undefined' };
  if (ArrayBuffer.isView(v) && !(v instanceof DataView))
    return { [TAG]: v.constructor.name, v: Array.from(v as unknown as ArrayLike<number>, encodeValue) };
  if (Array.isArray(v)) return v.map(encodeValue);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = encodeValue(x);
    return out;
  }
  return v;
}

const TYPED: Record<string, new (xs: number[]) => unknown> = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
};

function decodeValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeValue);
  if (v && typeof v === 'object') {
    const t = (v as Tagged)[TAG];
    if (typeof t === 'string' && Object.keys(v).every((k) => k === TAG || k === 'v')) {
      if (t === 'NaN') return Number.NaN;
      if (t === 'Infinity') return Infinity;
      if (t === '-Infinity') return -Infinity;
      if (t === '-0') return -0;
      if (t === 'undefined') return undefined;
      const C = TYPED[t];
      if (C) return new C(((v as Tagged).v as unknown[]).map(decodeValue) as number[]);
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = decodeValue(x);
    return out;
  }
  return v;
}

export function encodeJson(value: unknown): string {
  return JSON.stringify(encodeValue(value));
}

export function decodeJson<T = unknown>(text: string): T {
  return decodeValue(JSON.parse(text)) as T;
}
