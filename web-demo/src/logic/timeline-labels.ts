// The words in the timeline picture and where they fit: call names written horizontally in rows above
// the lanes (shortened only as far as the room needs, the full name on hover and focus), the call
// numbers of the axis, and the short VUIDs beside the finding pins. Text is measured by an estimate
// of the fonts' widths, so the layout stays testable without a DOM.

/** Every text in the picture is at least this size (SVG px, drawn 1:1 when the picture fits its column). */
export const TEXT_PX = 12;
/** Width of one character of the monospace font at TEXT_PX (0.6 em), with a little to spare. */
export const MONO_CHAR_PX = 7.3;
/** An estimate for the sans-serif font at TEXT_PX: wide enough for digits and most letters. */
export const SANS_CHAR_PX = 7;

export const monoWidth = (text: string) => Math.ceil(text.length * MONO_CHAR_PX);
export const sansWidth = (text: string) => Math.ceil(text.length * SANS_CHAR_PX);

/**
 * Shorter spellings of the long words in Vulkan, Win32 and D3D names, as graphics engineers write
 * them; the first that fits is used, longest words first so "PhysicalDevice" wins over "Device".
 */
const WORDS: [RegExp, string][] = [
  [/PhysicalDevice/g, 'PD'],
  [/Properties/g, 'Props'],
  [/Requirements/g, 'Reqs'],
  [/External/g, 'Ext'],
  [/Memory/g, 'Mem'],
  [/Allocate/g, 'Alloc'],
  [/Information/g, 'Info'],
  [/Win32Handle/g, 'W32H'],
  [/Handle/g, 'H'],
  [/Create/g, 'Cre'],
  [/Destroy/g, 'Dstr'],
  [/Shared/g, 'Shr'],
  [/Resource/g, 'Res'],
  [/Texture/g, 'Tex'],
  [/Buffer/g, 'Buf'],
  [/Image/g, 'Img'],
  [/Format/g, 'Fmt'],
  [/Device/g, 'Dev'],
];

/**
 * The spellings of a call name from longest to shortest: as written, without the `vk` prefix, then
 * with its long words shortened one after another. The caller takes the first that fits, and cuts
 * the last with an ellipsis when none does.
 */
export function nameSpellings(name: string): string[] {
  const out = [name];
  let cur = /^vk[A-Z]/.test(name) ? name.slice(2) : name;
  if (cur !== name) out.push(cur);
  for (const [re, short] of WORDS) {
    const next = cur.replace(re, short);
    if (next !== cur) { out.push(next); cur = next; }
  }
  return out;
}

/** `text` cut to at most `chars` characters, the cut marked with an ellipsis ('' when not even one fits). */
export function cut(text: string, chars: number): string {
  if (text.length <= chars) return text;
  return chars < 2 ? '' : `${text.slice(0, chars - 1)}…`;
}

/** The longest spelling of `name` that fits `px` in the monospace font: shortened words first, then an ellipsis. */
export function fitName(name: string, px: number): string {
  const spellings = nameSpellings(name);
  const fits = spellings.find((s) => monoWidth(s) <= px);
  return fits ?? cut(spellings[spellings.length - 1], Math.floor(px / MONO_CHAR_PX));
}

/**
 * A VUID as short as a pin's label can be: the number of a Khronos VUID ("VUID-…-02964" → "02964");
 * this model's own ids without their "VKX-" prefix, cut to `chars`.
 */
export function shortVuid(vuid: string, chars = 16): string {
  const num = /-(\d{5})$/.exec(vuid);
  if (num && vuid.startsWith('VUID-')) return num[1];
  return cut(vuid.replace(/^VKX-/, ''), chars);
}

/** One label placed in a row: [from, to) in x. */
export interface Span { from: number; to: number; row: number }

/**
 * Rows of horizontal labels: each label takes the first row where it overlaps nothing placed before
 * it (with `gap` between neighbours). `rows` caps the rows; a label that finds none gets row -1.
 * Labels arrive in the order of their anchors (the calls, left to right), which keeps the look-back short.
 */
export class RowPacker {
  private spans: { from: number; to: number; anchor: number }[][] = [];
  private widest = 0;
  constructor(readonly rows: number, readonly gap: number) {
    for (let r = 0; r < rows; r++) this.spans.push([]);
  }
  /** Whether [from, to) is free in `row`. */
  free(row: number, from: number, to: number): boolean {
    const list = this.spans[row];
    for (let i = list.length - 1; i >= 0; i--) {
      const s = list[i];
      // Nothing placed earlier reaches further right than its anchor plus the widest label.
      if (s.anchor + this.widest + this.gap <= from) return true;
      if (s.from < to + this.gap && from < s.to + this.gap) return false;
    }
    return true;
  }
  /**
   * Places [from, to), a label of the call at `anchor` (its span may start left of it): in row `prefer`
   * when it is free there, else in the first free row.
   */
  place(from: number, to: number, anchor = from, prefer = 0): Span {
    const order = [prefer, ...Array.from({ length: this.rows }, (_, r) => r).filter((r) => r !== prefer)];
    for (const row of order) {
      if (row >= 0 && row < this.rows && this.free(row, from, to)) return this.take(row, from, to, anchor);
    }
    return { from, to, row: -1 };
  }
  /** Puts [from, to) in `row` (the caller knows it is free). */
  take(row: number, from: number, to: number, anchor = from): Span {
    this.spans[row].push({ from, to, anchor });
    this.widest = Math.max(this.widest, to - anchor);
    return { from, to, row };
  }
  /** The row with the most free room left of `to` (down to `floor`), and that room. */
  roomLeftOf(to: number, floor: number): { row: number; room: number } {
    let best = { row: 0, room: -Infinity };
    for (let row = 0; row < this.rows; row++) {
      let limit = floor;
      for (const s of this.spans[row]) if (s.from < to + this.gap) limit = Math.max(limit, s.to + this.gap);
      if (to - limit > best.room) best = { row, room: to - limit };
    }
    return best;
  }
  /** How many rows hold at least one label. */
  used(): number {
    let n = 0;
    for (let r = 0; r < this.rows; r++) if (this.spans[r].length) n = r + 1;
    return n;
  }
}

/**
 * Which call numbers the axis writes: every `stride`-th call, the stride the smallest of 1, 2, 5, 10,
 * 20, 50… that leaves room for the widest number between two that are written.
 */
export function axisStride(step: number, widestNumberPx: number): number {
  const need = widestNumberPx + 6;
  for (let m = 1; ; m *= 10) for (const k of [1, 2, 5]) if (k * m * step >= need) return k * m;
}

/** The axis text of a call: its number as in the step table, `end` for the exits the run adds. */
export const axisText = (call: number, synthetic: boolean) => (synthetic ? 'end' : String(call));
