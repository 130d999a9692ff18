// Every seat's persona, by table, as the seats' own requests revealed it. A seat's request holds
// only its own persona, but its replies draw on what the others said, and the others said things
// in their own words: recombined, those could spell out a run of another seat's persona. Knowing
// the personas at the table, the guard refuses those too.
import type { SeatMaterial } from './seat-material.js';

type Persona = NonNullable<SeatMaterial['persona']>;

/** Tables remembered (least recently used first out); a table is a handful of small sets. */
const TABLES = 512;

export class PersonaRegistry {
  private readonly tables = new Map<string, Map<string, Persona>>();

  remember(seat: SeatMaterial): void {
    if (seat.table === undefined || seat.persona === undefined) return;
    let table = this.tables.get(seat.table.key);
    if (table === undefined) {
      table = new Map();
      if (this.tables.size >= TABLES) this.tables.delete(this.tables.keys().next().value as string);
    } else {
      this.tables.delete(seat.table.key);
    }
    this.tables.set(seat.table.key, table);
    table.set(seat.table.name, seat.persona);
  }

  /** The personas known of the other seats at this seat's table. */
  others(seat: SeatMaterial): Persona[] {
    if (seat.table === undefined) return [];
    const table = this.tables.get(seat.table.key);
    if (table === undefined) return [];
    const name = seat.table.name;
    return [...table.entries()].filter(([other]) => other !== name).map(([, persona]) => persona);
  }
}
