import { InputError } from '../errors.js';

const UNITS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/**
 * `--since`: a date (`2026-11-01`, local midnight), a date and time (`2026-11-01T14:30`), or an
 * age (`30m`, `12h`, `7d`, `2w`). Returns the moment, or an InputError that shows what is valid.
 */
export function parseSince(text: string, now: Date = new Date()): Date {
  const trimmed = text.trim();
  const age = /^(\d+)\s*([mhdw])$/i.exec(trimmed);
  if (age) {
    const unit = UNITS[(age[2] ?? 'd').toLowerCase()] ?? UNITS.d ?? 0;
    return new Date(now.getTime() - Number(age[1]) * unit);
  }
  const date = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(trimmed);
  if (date) {
    const [, y, mo, d, h, mi] = date.map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const moment = new Date(y, mo - 1, d, Number.isNaN(h) ? 0 : h, Number.isNaN(mi) ? 0 : mi);
    if (moment.getMonth() === mo - 1 && moment.getDate() === d) return moment;
  }
  throw new InputError(
    `--since "${text}" is not a date or an age: use YYYY-MM-DD, YYYY-MM-DDTHH:MM, or an age such as 30m, 12h, 7d or 2w`,
  );
}
