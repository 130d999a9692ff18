// The roundtable.config.json that `roundtable init` writes: what a new table starts with. Tables
// without a config keep the original behaviour (their seeds give the same discussion); new ones
// get the moderator's fair turns, guards and control words, and end with each seat's final
// position, the vote and the decision record (outcome.json).
export const NEW_TABLE_CONFIG: Readonly<Record<string, unknown>> = {
  speakerPolicy: 'fair',
  closing: true,
};

export function newTableConfigText(): string {
  return `${JSON.stringify(NEW_TABLE_CONFIG, null, 2)}\n`;
}
