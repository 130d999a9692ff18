import { SETTINGS } from '../src/config/setting-descriptors.js';

const START = '<!-- settings-table:start -->';
const END = '<!-- settings-table:end -->';

/** The README's settings table, built from the descriptors the CLI and the loader use. */
export function settingsTable(): string {
  // A bare | would end the table cell (`<skip|stop>`).
  const cell = (text: string): string => text.replaceAll('|', '\\|');
  const rows = SETTINGS.map((d) => {
    const flag = d.argument === undefined ? d.flag : `${d.flag} ${d.argument}`;
    const env = d.env.map((name) => `\`${name}\``).join(', ');
    return `| \`${d.key}\` | \`${cell(flag)}\` | ${env} | ${cell(d.defaultText)} | ${cell(d.description)} |`;
  });
  return [
    '| config key | flag | environment | default | meaning |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** README text with the table between its markers replaced. */
export function withSettingsTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${START} … ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n${settingsTable()}\n${readme.slice(end)}`;
}

if (process.argv[1]?.endsWith('readme-settings.ts')) {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const path = new URL('../README.md', import.meta.url);
  writeFileSync(path, withSettingsTable(readFileSync(path, 'utf8')));
  const { execFileSync } = await import('node:child_process');
  execFileSync('biome', ['format', '--write', 'README.md'], { stdio: 'inherit' });
}
