/**
 * resource.Quantity, as far as kubectl's describe output needs it: parsing (`100m`, `1Gi`, `2e3`),
 * adding, comparing, and the canonical String() form (largest suffix that keeps an integer mantissa:
 * `1000m` → `1`, `2000` → `2k`, `1536Mi` stays, binary values below 1Ki print in decimal).
 * Values are held in milli-units (exact for anything kubectl scenarios use).
 */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export class Quantity {
  constructor(
    /** Value × 1000, rounded to an integer (Quantity rounds sub-milli values up). */
    readonly milli: number,
    readonly format: QuantityFormat = 'DecimalSI',
  ) {}

  static zero(): Quantity {
    return new Quantity(0, 'DecimalSI');
  }

  static parse(s: string): Quantity {
    const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/.exec(
      s.trim(),
    );
    if (!m)
      throw new Error(
        `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
      );
    const num = Number(m[1]);
    const suf = m[2] ?? '';
    let mult = 1;
    let format: QuantityFormat = 'DecimalSI';
    const dec: Record<string, number> = {
      n: 1e-9,
      u: 1e-6,
      m: 1e-3,
      '': 1,
      k: 1e3,
      M: 1e6,
      G: 1e9,
      T: 1e12,
      P: 1e15,
      E: 1e18,
    };
    const bin: Record<string, number> = {
      Ki: 2 ** 10,
      Mi: 2 ** 20,
      Gi: 2 ** 30,
      Ti: 2 ** 40,
      Pi: 2 ** 50,
      Ei: 2 ** 60,
    };
    if (suf in bin) {
      mult = bin[suf];
      format = 'BinarySI';
    } else if (suf in dec) mult = dec[suf];
    else {
      mult = 10 ** Number(suf.slice(1));
      format = 'DecimalExponent';
    }
    return new Quantity(Math.ceil(num * mult * 1000 - 1e-9), format);
  }

  add(o: Quantity): Quantity {
    return new Quantity(this.milli + o.milli, this.format);
  }

  cmp(o: Quantity): number {
    return Math.sign(this.milli - o.milli);
  }

  /** MilliValue() */
  milliValue(): number {
    return this.milli;
  }

  /** Value(): rounded up to an integer. */
  value(): number {
    return Math.ceil(this.milli / 1000);
  }

  toString(): string {
    const v = this.milli;
    if (v === 0) return '0';
    const neg = v < 0 ? '-' : '';
    const a = Math.abs(v);
    let format = this.format;
    if (format === 'BinarySI') {
      if (a < 1024 * 1000 || a % 1000 !== 0) format = 'DecimalSI';
      else {
        let units = a / 1000;
        const suffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
        let i = 0;
        while (i < suffixes.length - 1 && units % 1024 === 0) {
          units /= 1024;
          i++;
        }
        return `${neg}${units}${suffixes[i]}`;
      }
    }
    // decimal: express as mantissa × 10^(3k) with an integer mantissa and the largest k
    const suffixes: [number, string][] = [
      [18, 'E'],
      [15, 'P'],
      [12, 'T'],
      [9, 'G'],
      [6, 'M'],
      [3, 'k'],
      [0, ''],
    ];
    if (a % 1000 !== 0) return `${neg}${a}m`;
    const units = a / 1000;
    for (const [exp, suf] of suffixes) {
      const d = 10 ** exp;
      if (units % d === 0) {
        if (format === 'DecimalExponent') return `${neg}${units / d}${exp ? `e${exp}` : ''}`;
        return `${neg}${units / d}${suf}`;
      }
    }
    return `${neg}${units}`;
  }
}

/** Sums named quantities into a list (for pod requests/limits). */
export function addResourceList(into: Map<string, Quantity>, list: Record<string, string> | undefined): void {
  for (const [name, v] of Object.entries(list ?? {})) {
    const q = Quantity.parse(String(v));
    const prev = into.get(name);
    into.set(name, prev ? prev.add(q) : q);
  }
}
