// Scripted answers for runs with closing positions: a table whose first question has options,
// how to tell a positions, record or repair request, and a valid answer.
import type { ModelRequest } from '../model.js';
import type { Table } from '../table.js';
import { fixtureTable } from './fixture.js';

export const OPTIONS = ['park', 'housing', 'tram line'];
export const closingTable: Table = {
  ...fixtureTable,
  task: { ...fixtureTable.task, options: [OPTIONS, [], []] },
};

export const isPositions = (r: ModelRequest) =>
  r.responseFormat?.type === 'json_schema' && r.responseFormat.name === 'positions';
export const isRecord = (r: ModelRequest) =>
  r.responseFormat?.type === 'json_schema' && r.responseFormat.name === 'record';
export const isRepair = (r: ModelRequest) =>
  r.messages.at(-1)?.content.startsWith('Your answer could not be read') === true;

export function positionsAnswer(position: string, ranking: string[], because = 'Because.'): string {
  return JSON.stringify({
    positions: [
      {
        question: 'Should the railway become a park, housing, or a tram line?',
        position,
        confidence: 0.8,
        changedMind: false,
        because,
        ranking,
      },
    ],
  });
}

export const RECORD = JSON.stringify({
  actionItems: [{ action: 'Cost the tram line', owner: 'Ann' }],
  openQuestions: ['Who runs it?'],
  groups: [],
});
