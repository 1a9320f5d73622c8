/**
 * Typed arrays carved out of one ArrayBuffer. V8 counts every ArrayBuffer's backing store as external
 * memory and collects more often as it grows; a backtest lists thousands of markets, so a book or a
 * position that held a dozen separate buffers made the garbage collector its main cost. Views into one
 * buffer are as fast to index as separate arrays.
 */
export class Slab {
  private readonly buffer: ArrayBuffer;
  private offset = 0;

  /** A slab for arrays of these byte sizes (each is padded to 8 bytes). */
  static of(...bytes: number[]): Slab {
    return new Slab(bytes.reduce((s, b) => s + pad(b), 0));
  }

  constructor(bytes: number) {
    this.buffer = new ArrayBuffer(bytes);
  }

  f64(n: number): Float64Array {
    return new Float64Array(this.buffer, this.take(8 * n), n);
  }

  i32(n: number): Int32Array {
    return new Int32Array(this.buffer, this.take(4 * n), n);
  }

  u32(n: number): Uint32Array {
    return new Uint32Array(this.buffer, this.take(4 * n), n);
  }

  u8(n: number): Uint8Array {
    return new Uint8Array(this.buffer, this.take(n), n);
  }

  private take(bytes: number): number {
    const at = this.offset;
    this.offset += pad(bytes);
    if (this.offset > this.buffer.byteLength) throw new RangeError(`slab of ${this.buffer.byteLength} bytes is full`);
    return at;
  }
}

const pad = (bytes: number): number => Math.ceil(bytes / 8) * 8;
