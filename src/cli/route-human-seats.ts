import type { Model } from '../engine/model.js';
import type { Table } from '../engine/table.js';

/** Seats taken by a person read from the keyboard; every other seat asks the model. */
export function routeHumanSeats(table: Table, model: Model, human: Model): Model {
  const humanSeats = new Set(table.participants.filter((p) => p.human === true).map((p) => p.seat));
  if (humanSeats.size === 0) return model;
  return (request, signal) =>
    humanSeats.has(request.seat) ? human(request, signal) : model(request, signal);
}
