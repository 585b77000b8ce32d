/**
 * The bytes of a tiny hand-written WebAssembly SIMD module (no toolchain on the machines this runs
 * on). It exports `transpose(src, count, dst, sums)`: for `count` CIFAR-10 records at `src`
 * (label byte, then R, G, B planes of 1024 bytes), it writes each image interleaved (HWC, 3072
 * bytes) from `dst` on and stores the R, G, B pixel sums as three i32x4 vectors at `sums`. 16
 * pixels take 3 loads, 6 shuffles and 3 stores, against 16 x 3 byte moves in plain JavaScript.
 * It imports `env.memory`, shared (so a worker thread can hash the output where it lies), which
 * the caller sizes once, so views into it stay valid.
 */

// The few opcodes used (https://webassembly.github.io/spec/core/binary/instructions.html).
const get = (local: number) => [0x20, local];
const set = (local: number) => [0x21, local];
const i32Const = (value: number) => [0x41, ...leb(value)];
const [i32Add, i32Sub, i32LtU, block, loop, end] = [[0x6a], [0x6b], [0x49], [0x02, 0x40], [0x03, 0x40], [0x0b]];
const brIf = (depth: number) => [0x0d, depth];
const v128Load = (offset: number) => [0xfd, 0x00, 0x00, ...leb(offset)]; // align hint 1 byte: rows are unaligned
const v128Store = (offset: number) => [0xfd, 0x0b, 0x00, ...leb(offset)];
const shuffle = (lanes: ReadonlyArray<number>) => [0xfd, 0x0d, ...lanes];
const v128Zero = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
const i16x8PairSumU8 = [0xfd, 0x7d]; // i16x8.extadd_pairwise_i8x16_u
const i32x4PairSumU16 = [0xfd, 0x7f]; // i32x4.extadd_pairwise_i16x8_u
const i16x8Add = [0xfd, 0x8e, 0x01];
const i32x4Add = [0xfd, 0xae, 0x01];

/** Unsigned LEB128 (every immediate here is a non-negative value or offset below 2^31). */
function leb(value: number): number[] {
  const out: number[] = [];
  do {
    const low = value & 0x7f;
    value >>>= 7;
    out.push(value === 0 && low < 0x40 ? low : low | 0x80);
  } while (out[out.length - 1]! & 0x80);
  return out;
}

// Locals: the 4 i32 parameters, then 1 i32, then 9 v128 (3 loaded planes, 3 x 16-bit, 3 x 32-bit sums).
const [SRC, COUNT, DST, SUMS, STOP] = [0, 1, 2, 3, 4];
const PLANE = [5, 6, 7];
const SUM16 = [8, 9, 10];
const SUM32 = [11, 12, 13];

/**
 * Output byte q of a 48-byte group is channel q % 3 of pixel q / 3. The first shuffle picks R and
 * G bytes from (r, g) (lanes 0-15 are r, 16-31 g; B slots take a filler), the second keeps those
 * and fills the B slots from b (lanes 16-31).
 */
const interleave = (group: number): number[] => {
  const q = Array.from({ length: 16 }, (_, j) => 16 * group + j);
  const rg = q.map((i) => (i % 3 === 0 ? i / 3 : i % 3 === 1 ? 16 + (i - 1) / 3 : 0));
  const withB = q.map((i, j) => (i % 3 === 2 ? 16 + (i - 2) / 3 : j));
  return [...get(PLANE[0]!), ...get(PLANE[1]!), ...shuffle(rg), ...get(PLANE[2]!), ...shuffle(withB)];
};

/** 16 pixels: load the 3 planes, store 48 interleaved bytes, add pixel pairs into 16-bit sums. */
const sixteenPixels = [
  ...[0, 1, 2].flatMap((c) => [...get(SRC), ...v128Load(1024 * c), ...set(PLANE[c]!)]),
  ...[0, 1, 2].flatMap((g) => [...get(DST), ...interleave(g), ...v128Store(16 * g)]),
  // 64 steps add at most 64 x 510 = 32640 per 16-bit lane: no overflow within a record.
  ...[0, 1, 2].flatMap((c) => [...get(SUM16[c]!), ...get(PLANE[c]!), ...i16x8PairSumU8, ...i16x8Add, ...set(SUM16[c]!)]),
  ...[...get(SRC), ...i32Const(16), ...i32Add, ...set(SRC)],
  ...[...get(DST), ...i32Const(48), ...i32Add, ...set(DST)],
];

const record = [
  ...[...get(SRC), ...i32Const(1), ...i32Add, ...set(SRC)], // skip the label byte
  ...[...get(SRC), ...i32Const(1024), ...i32Add, ...set(STOP)],
  ...SUM16.flatMap((local) => [...v128Zero, ...set(local)]),
  ...[...loop, ...sixteenPixels, ...get(SRC), ...get(STOP), ...i32LtU, ...brIf(0), ...end],
  // Widen into 32-bit sums once per record (at most 65280 per lane per record).
  ...[0, 1, 2].flatMap((c) => [...get(SUM32[c]!), ...get(SUM16[c]!), ...i32x4PairSumU16, ...i32x4Add, ...set(SUM32[c]!)]),
  ...[...get(SRC), ...i32Const(2048), ...i32Add, ...set(SRC)], // past the G and B planes
  ...[...get(COUNT), ...i32Const(1), ...i32Sub, ...set(COUNT)],
];

const body = [
  ...[...block, ...get(COUNT), 0x45 /* i32.eqz */, ...brIf(0)],
  ...[...loop, ...record, ...get(COUNT), ...brIf(0), ...end, ...end],
  ...[0, 1, 2].flatMap((c) => [...get(SUMS), ...get(SUM32[c]!), ...v128Store(16 * c)]),
  ...end,
];

const section = (id: number, content: number[]) => [id, ...leb(content.length), ...content];
const text = (s: string) => [s.length, ...Array.from(s, (ch) => ch.charCodeAt(0))];
const code = [0x02, 1, 0x7f, 9, 0x7b, ...body]; // locals: 1 x i32, 9 x v128

export const TRANSPOSE_WASM = Uint8Array.from([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
  ...section(1, [1, 0x60, 4, 0x7f, 0x7f, 0x7f, 0x7f, 0]), // type 0: (i32 x 4) -> ()
  ...section(2, [1, ...text('env'), ...text('memory'), 0x02, 0x03, 0x01, ...leb(65536)]), // import env.memory: shared, 1 to 65536 pages
  ...section(3, [1, 0]), // function 0 has type 0
  ...section(7, [1, ...text('transpose'), 0x00, 0]), // export function 0 as "transpose"
  ...section(10, [1, ...leb(code.length), ...code]),
]);
