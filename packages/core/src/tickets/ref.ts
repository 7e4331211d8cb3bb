import { z } from 'zod';
import { invalidInput } from '../errors.ts';

// Spec README decision: routes and events use the external reference `AUTH-12`; `1:AUTH-12` is accepted too.
const refPattern = /^(?:(\d+):)?([A-Z0-9]{3,5}-[1-9]\d*)$/;

export type TicketRef = string & { readonly __brand: 'TicketRef' };

export interface ParsedRef {
  projectId: number | null;
  externalId: TicketRef;
}

export function parseTicketRef(raw: string): ParsedRef {
  const match = refPattern.exec(raw.trim());
  if (!match?.[2]) {
    throw invalidInput('Invalid ticket reference; expected e.g. AUTH-12 or 1:AUTH-12', { ticketId: raw });
  }
  return { projectId: match[1] ? Number(match[1]) : null, externalId: match[2] as TicketRef }; // checked by the pattern
}

export const externalIdFor = (shortname: string, n: number) => `${shortname}-${n}` as TicketRef;

/** The `:id` path parameter of every ticket route. */
export const TicketIdParam = z.string().min(1).max(64).describe('Ticket reference, e.g. AUTH-12 (or 1:AUTH-12)');
